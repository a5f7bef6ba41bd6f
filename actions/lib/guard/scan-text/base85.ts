import { inflateSync } from 'node:zlib';
import { DECODE_PREFIX_BYTES, type EncodedRun } from './encoded-run.js';
import { judgeDecoded } from './judge-decoded.js';

const GIT85 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~';
const GIT85_VALUE = new Int16Array(128).fill(-1);
for (let i = 0; i < GIT85.length; i++) GIT85_VALUE[GIT85.charCodeAt(i)] = i;

/** Ascii85 (btoa, PostScript, Python's a85encode): `z` is four zero bytes, `y` four spaces. */
export function decodeAscii85(chars: string, limit = DECODE_PREFIX_BYTES): Buffer {
  const out: number[] = [];
  let group: number[] = [];
  const emit = (digits: number[], bytes: number) => {
    let value = 0;
    for (const d of digits) value = value * 85 + d;
    for (let k = 3; k >= 4 - bytes; k--) out.push(Math.floor(value / 256 ** k) & 0xff);
  };
  for (let i = 0; i < chars.length && out.length < limit; i++) {
    const c = chars.charCodeAt(i);
    if (c === 0x7a && group.length === 0) out.push(0, 0, 0, 0);
    else if (c === 0x79 && group.length === 0) out.push(32, 32, 32, 32);
    else if (c >= 0x21 && c <= 0x75) {
      group.push(c - 0x21);
      if (group.length === 5) {
        emit(group, 4);
        group = [];
      }
    }
  }
  if (group.length > 1) {
    const n = group.length - 1;
    while (group.length < 5) group.push(84);
    emit(group, n);
  }
  return Buffer.from(out);
}

/** Base85 in git's and Python's b85encode alphabet (RFC 1924 order), groups of five characters. */
export function decodeBase85(chars: string, limit = DECODE_PREFIX_BYTES): Buffer {
  const out: number[] = [];
  let value = 0;
  let count = 0;
  for (let i = 0; i < chars.length && out.length < limit; i++) {
    const d = GIT85_VALUE[chars.charCodeAt(i)] ?? -1;
    if (d < 0) continue;
    value = value * 85 + d;
    if (++count === 5) {
      for (let k = 3; k >= 0; k--) out.push(Math.floor(value / 256 ** k) & 0xff);
      value = 0;
      count = 0;
    }
  }
  return Buffer.from(out);
}

/**
 * Ascii85 between `<~` and `~>` (escaped `\n` line breaks inside a JSON string included), and lines of
 * undelimited Ascii85 or base85 (Python's defaults) of one width: judged by what they decode to.
 */
export function findBase85(text: string, lineStarts: readonly number[]): EncodedRun[] {
  const runs: EncodedRun[] = [];
  for (let at = text.indexOf('<~'); at >= 0; at = text.indexOf('<~', at + 2)) {
    const close = text.indexOf('~>', at + 2);
    if (close < 0) break;
    const body = text.slice(at + 2, close).replace(/\\[nrt]/g, '');
    const decoded = decodeAscii85(body);
    const size = Math.floor((body.replace(/\s/g, '').length * 4) / 5);
    const verdict = judgeDecoded(decoded, size, true);
    if (verdict)
      runs.push({
        encoding: 'ascii85',
        offset: at,
        length: close + 2 - at,
        decodedBytes: size,
        decodesTo: verdict,
      });
    at = close;
  }
  // Whole lines of one alphabet, no spaces, 40 characters and more: wrapped encoder output.
  let block: { offset: number; end: number; lines: string[]; width: number } | undefined;
  const flush = () => {
    if (block && block.lines.length >= 1) {
      const body = block.lines.join('');
      // Undelimited lines could be any list of quoted strings: without a signature, only the near-uniform
      // character spread of encoded binary makes them a payload.
      const uniform = block.lines.length >= 2 && charEntropy(body) >= 6;
      for (const [encoding, decode] of [
        ['ascii85', decodeAscii85],
        ['base85', decodeBase85],
      ] as const) {
        if (encoding === 'ascii85' && /[v-~]/.test(body.replace(/[yz]/g, ''))) continue;
        if (encoding === 'base85' && /["',./:[\]\\]/.test(body)) continue;
        const verdict = judgeDecoded(decode(body), Math.floor((body.length * 4) / 5), uniform);
        if (verdict) {
          runs.push({
            encoding,
            offset: block.offset,
            length: block.end - block.offset,
            decodedBytes: Math.floor((body.length * 4) / 5),
            decodesTo: verdict,
          });
          break;
        }
      }
    }
    block = undefined;
  };
  for (let n = 0; n < lineStarts.length; n++) {
    const start = lineStarts[n]!;
    const end = n + 1 < lineStarts.length ? lineStarts[n + 1]! - 1 : text.length;
    const line = text.slice(start, end).replace(/\r$/, '');
    const candidate =
      line.length >= 40 && !/[\s]/.test(line) && /[^A-Za-z0-9+/=_-]/.test(line) && /\d/.test(line);
    if (!candidate || (block && line.length > block.width)) {
      flush();
      if (!candidate) continue;
    }
    block ??= { offset: start, end, lines: [], width: line.length };
    block.lines.push(line);
    block.end = end;
    if (line.length < block.width) flush();
  }
  flush();
  return runs;
}

/** `git diff --binary` hunks: `GIT binary patch`, then `literal N` or `delta N` and base85 lines. */
export function findBinaryPatches(text: string): EncodedRun[] {
  const runs: EncodedRun[] = [];
  let consumed = 0;
  for (const match of text.matchAll(/^GIT binary patch\r?\n(literal|delta) (\d+)\r?\n/gm)) {
    if (match.index < consumed) continue;
    const bodyStart = match.index + match[0].length;
    const chunks: Buffer[] = [];
    let at = bodyStart;
    let total = 0;
    for (;;) {
      const eol = text.indexOf('\n', at);
      const line = text.slice(at, eol < 0 ? text.length : eol).replace(/\r$/, '');
      if (line === '' || !/^[A-Za-z]/.test(line)) break;
      const lengthChar = line.charCodeAt(0);
      const bytes = lengthChar <= 90 ? lengthChar - 64 : lengthChar - 96 + 26;
      // Each line holds its stated byte count in groups of five characters; anything else ends the hunk.
      if (line.length !== 1 + Math.ceil(bytes / 4) * 5) break;
      if (total < 4 * DECODE_PREFIX_BYTES) chunks.push(decodeBase85(line.slice(1)).subarray(0, bytes));
      total += bytes;
      if (eol < 0) break;
      at = eol + 1;
    }
    consumed = at;
    let decoded: Buffer;
    try {
      decoded = inflateSync(Buffer.concat(chunks), { maxOutputLength: DECODE_PREFIX_BYTES, finishFlush: 2 });
    } catch {
      decoded = Buffer.concat(chunks);
    }
    // A binary patch is binary content in a text file whatever it decodes to.
    const kind = judgeDecoded(decoded, Number(match[2]), true) ?? 'binary';
    runs.push({
      encoding: 'binary-patch',
      offset: match.index,
      length: at - match.index,
      decodedBytes: Number(match[2]),
      decodesTo: match[1] === 'delta' && kind === 'text' ? 'binary' : kind,
    });
  }
  return runs;
}

/** uuencoded blocks: `begin <mode> <name>`, length-prefixed lines, `end`. */
export function findUuencode(text: string): EncodedRun[] {
  const runs: EncodedRun[] = [];
  let consumed = 0;
  for (const match of text.matchAll(/^begin(-base64)? [0-7]{3,4} [^\r\n]*\r?\n/gm)) {
    if (match.index < consumed) continue;
    const base64 = match[1] !== undefined;
    const bytes: number[] = [];
    let total = 0;
    let at = match.index + match[0].length;
    // Lines until `end` (or `====`), each the length its first character states; anything else ends it.
    for (;;) {
      const eol = text.indexOf('\n', at);
      const line = text.slice(at, eol < 0 ? text.length : eol).replace(/\r$/, '');
      if (line === (base64 ? '====' : 'end') || line === '') break;
      let decoded: number[];
      if (base64) {
        if (!/^[A-Za-z0-9+/]+=*$/.test(line)) break;
        decoded = [...Buffer.from(line, 'base64')];
      } else {
        const n = (line.charCodeAt(0) - 32) & 63;
        if (Math.abs(line.length - (1 + Math.ceil(n / 3) * 4)) > 1) break;
        decoded = [];
        for (let i = 1; i < line.length && decoded.length < n; i += 4) {
          const v = [0, 1, 2, 3].map((k) => ((line.charCodeAt(i + k) || 32) - 32) & 63);
          decoded.push(
            (v[0]! << 2) | (v[1]! >> 4),
            ((v[1]! & 15) << 4) | (v[2]! >> 2),
            ((v[2]! & 3) << 6) | v[3]!,
          );
        }
        decoded = decoded.slice(0, n);
      }
      total += decoded.length;
      if (bytes.length < DECODE_PREFIX_BYTES) bytes.push(...decoded);
      if (eol < 0) {
        at = text.length;
        break;
      }
      at = eol + 1;
    }
    consumed = at;
    const verdict = judgeDecoded(Buffer.from(bytes), total, true);
    if (verdict)
      runs.push({
        encoding: 'uuencode',
        offset: match.index,
        length: at - match.index,
        decodedBytes: total,
        decodesTo: verdict,
      });
  }
  return runs;
}

function charEntropy(chars: string): number {
  const counts = new Map<string, number>();
  const n = Math.min(chars.length, 65536);
  for (let i = 0; i < n; i++) counts.set(chars[i]!, (counts.get(chars[i]!) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) bits -= (count / n) * Math.log2(count / n);
  return bits;
}
