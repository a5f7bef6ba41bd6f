import { DECODE_PREFIX_BYTES, type EncodedRun } from './encoded-run.js';
import { judgeDecoded } from './judge-decoded.js';

/**
 * Hex dumps line by line: `xxd` (and -g1, -i), `hexdump -C`, `od -x` / `hexdump` (little-endian
 * 16-bit words), `od -t x1`, C arrays of `0x..` bytes. A dump line is an optional offset, then at
 * least four hex tokens of one width (2, 4 or 8 digits), then an optional character column.
 */
export function findHexDumps(text: string, lineStarts: readonly number[]): EncodedRun[] {
  const runs: EncodedRun[] = [];
  let block: { offset: number; end: number; big: Buffer[]; little: Buffer[]; bytes: number } | undefined;
  const flush = () => {
    if (!block) return;
    const big = Buffer.concat(block.big);
    const little = Buffer.concat(block.little);
    const verdict = judgeDecoded(big, block.bytes, true);
    const swapped = little.equals(big) ? undefined : judgeDecoded(little, block.bytes, true);
    // Prefer the byte order that shows a known kind.
    const kind = verdict && verdict !== 'binary' ? verdict : (swapped ?? verdict);
    if (kind)
      runs.push({
        encoding: 'hex-dump',
        offset: block.offset,
        length: block.end - block.offset,
        decodedBytes: block.bytes,
        decodesTo: kind,
      });
    block = undefined;
  };
  for (let n = 0; n < lineStarts.length; n++) {
    const start = lineStarts[n]!;
    const end = n + 1 < lineStarts.length ? lineStarts[n + 1]! - 1 : text.length;
    // `*` stands for repeated lines that od and hexdump leave out; the block goes on.
    if (block && text.slice(start, end).trim() === '*') continue;
    const parsed =
      end - start >= 11 && end - start <= 256 * 1024 ? parseDumpLine(text.slice(start, end)) : undefined;
    if (!parsed) {
      flush();
      continue;
    }
    block ??= { offset: start, end, big: [], little: [], bytes: 0 };
    block.end = end;
    if (block.bytes < DECODE_PREFIX_BYTES) {
      block.big.push(parsed.big);
      block.little.push(parsed.little);
    }
    block.bytes += parsed.big.length;
  }
  flush();
  return runs;
}

const TOKEN = /^(?:0x|\\x)?([0-9a-fA-F]{2}|[0-9a-fA-F]{4}|[0-9a-fA-F]{8})$/;

/** The bytes on one dump line in both byte orders of its words, or undefined when it is not one. */
function parseDumpLine(line: string): { big: Buffer; little: Buffer } | undefined {
  let body = line.replace(/\|.*$/, '');
  // An offset: hex or octal digits ending in a colon, or the first of several columns (od, hexdump).
  const offset = /^\s*([0-9a-fA-F]{4,16}):?\s+/.exec(body);
  let hadOffset = false;
  if (offset && (body[offset[0].trimEnd().length - 1] === ':' || offset[1]!.length >= 6)) {
    body = body.slice(offset[0].length);
    hadOffset = true;
  }
  const tokens = body.split(/[\s,]+/).filter(Boolean);
  // od -b: three-digit octal bytes after an octal offset.
  if (
    hadOffset &&
    tokens.length >= 4 &&
    tokens.every((t) => /^[0-3][0-7]{2}$/.test(t)) &&
    /^\s*[0-7]+\s/.test(line)
  ) {
    const bytes = Buffer.from(tokens.map((t) => Number.parseInt(t, 8)));
    return { big: bytes, little: bytes };
  }
  let hex: string[] = [];
  let prefixed = false;
  for (const token of tokens) {
    const match = TOKEN.exec(token);
    if (!match) break; // the character column, or the end of the data
    if (hex.length > 0 && match[1]!.length !== hex[0]!.length) break;
    if (hex.length === 0) prefixed = token.startsWith('0x') || token.startsWith('\\x');
    hex.push(match[1]!);
  }
  const needed = hadOffset ? 4 : 8;
  // Without an offset, only `0x`-prefixed or bare byte tokens count (prose has no rows of hex words).
  if (hex.length < needed || (!hadOffset && !prefixed && hex[0]!.length !== 2)) {
    // Bytes inside a line of code or a string ("ff,a0,12,..." or "ff:a0:12"): the longest run of
    // byte tokens, which must be long for a line that does not start with it.
    hex = longestByteRun(body.split(/[\s,;:"'`[\](){}]+/).filter(Boolean));
    if (hex.length < 16) return undefined;
  }
  const big = Buffer.from(hex.join(''), 'hex');
  if (hex[0]!.length === 2) return { big, little: big };
  const little = Buffer.from(big);
  const width = hex[0]!.length / 2;
  for (let at = 0; at + width <= little.length; at += width) little.subarray(at, at + width).reverse();
  return { big, little };
}

function longestByteRun(tokens: string[]): string[] {
  let best: string[] = [];
  let run: string[] = [];
  for (const token of tokens) {
    const match = TOKEN.exec(token);
    if (match && match[1]!.length === 2) run.push(match[1]!);
    else {
      if (run.length > best.length) best = run;
      run = [];
    }
  }
  return run.length > best.length ? run : best;
}
