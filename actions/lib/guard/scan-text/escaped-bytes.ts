import { DECODE_PREFIX_BYTES, type EncodedRun } from './encoded-run.js';
import { judgeDecoded } from './judge-decoded.js';

/** Escapes that spell a byte: \xHH, %HH, \uHHHH (below 0x100), octal \NNN. */
const ESCAPE_START = /\\x[0-9a-fA-F]{2}|%[0-9a-fA-F]{2}|\\u00[0-9a-fA-F]{2}|\\[0-3][0-7]{2}/g;
const MIN_ESCAPES = 8;
const MAX_JOIN_GAP = 24;

/**
 * Bytes spelled with escapes in string literals: Python's `b'\x89PNG\r\n...'`, C's "\x89\x50",
 * percent-encoding, JSON's \u0089, octal escapes; consecutive literals joined (`'...' \n b'...'`).
 * Printable characters between escapes are bytes too, as in a Python bytes repr.
 */
export function findEscapedBytes(text: string): EncodedRun[] {
  const runs: EncodedRun[] = [];
  let region: { offset: number; end: number; bytes: number[]; escapes: number; total: number } | undefined;
  const flush = () => {
    if (region && region.escapes >= MIN_ESCAPES && region.escapes * 4 >= region.total) {
      const verdict = judgeDecoded(Buffer.from(region.bytes), region.total, true);
      if (verdict)
        runs.push({
          encoding: 'escaped-bytes',
          offset: region.offset,
          length: region.end - region.offset,
          decodedBytes: region.total,
          decodesTo: verdict,
        });
    }
    region = undefined;
  };
  ESCAPE_START.lastIndex = 0;
  for (let match = ESCAPE_START.exec(text); match; match = ESCAPE_START.exec(text)) {
    const at = match.index;
    if (region && at < region.end) continue;
    if (
      region &&
      !(
        at - region.end <= MAX_JOIN_GAP &&
        /^(?:[^\s"'`]*|["'`]\s*[,+]?\s*[bBuUrR]?["'`])$/s.test(text.slice(region.end, at))
      )
    )
      flush();
    region ??= { offset: at, end: at, bytes: [], escapes: 0, total: 0 };
    region.end = decodeFrom(text, at, region);
    ESCAPE_START.lastIndex = region.end;
  }
  flush();
  return runs;
}

/** Decodes escapes and printable characters from `at` until a quote, whitespace or other stop; returns the end. */
function decodeFrom(
  text: string,
  at: number,
  region: { bytes: number[]; escapes: number; total: number },
): number {
  let i = at;
  const push = (byte: number) => {
    if (region.bytes.length < DECODE_PREFIX_BYTES) region.bytes.push(byte);
    region.total++;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\') {
      const next = text[i + 1];
      const hex = text.slice(i + 2, i + 4);
      if (next === 'x' && /^[0-9a-fA-F]{2}$/.test(hex)) {
        push(Number.parseInt(hex, 16));
        region.escapes++;
        i += 4;
      } else if (next === 'u' && /^00[0-9a-fA-F]{2}$/.test(text.slice(i + 2, i + 6))) {
        push(Number.parseInt(text.slice(i + 4, i + 6), 16));
        region.escapes++;
        i += 6;
      } else if (next !== undefined && /[0-7]/.test(next)) {
        const octal = /^[0-7]{1,3}/.exec(text.slice(i + 1, i + 4))![0];
        push(Number.parseInt(octal, 8) & 0xff);
        region.escapes++;
        i += 1 + octal.length;
      } else if (next !== undefined && 'nrtabfv\\\'"'.includes(next)) {
        push({ n: 10, r: 13, t: 9, a: 7, b: 8, f: 12, v: 11 }[next as 'n'] ?? next.charCodeAt(0));
        region.escapes++;
        i += 2;
      } else break;
    } else if (c === '%' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      region.escapes++;
      i += 3;
    } else if (c > ' ' && c <= '~' && c !== '"' && c !== "'" && c !== '`') {
      push(c.charCodeAt(0));
      i++;
    } else if (c === ' ') {
      push(32);
      i++;
    } else break;
  }
  return i;
}
