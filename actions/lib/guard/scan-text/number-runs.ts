import type { EncodedRun } from './encoded-run.js';
import { kindOf, MIN_PAYLOAD_BYTES } from './judge-decoded.js';

/** A recognised kind from the first bytes, never plain binary or text. */
function signature(bytes: Buffer): string | undefined {
  if (bytes.length < MIN_PAYLOAD_BYTES) return undefined;
  const kind = kindOf(bytes);
  return kind === 'binary' || kind === 'text' || kind === 'wasm' ? undefined : kind;
}

/**
 * Pixel arrays written as numbers: JSON arrays, CSV or whitespace-separated values (an ASCII PGM
 * body without its header). Lines made of numbers (a word per eight numbers at most: a row label, a
 * key) form a block; a block is reported by its decoded size, each value counting as the bytes its
 * range needs (0–255: 1, 16-bit: 2, else 4).
 */
export interface NumberRunOptions {
  /** A 32×32 8-bit image is 1,024 values. */
  minValues: number;
  /** Decoded bytes from which fewer values (wider ones) are reported too; at least 256 values. */
  minBytes: number;
}

export const DEFAULT_NUMBER_RUNS: NumberRunOptions = { minValues: 1024, minBytes: 2048 };

const NUMBER = /-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/y;

interface Block {
  offset: number;
  end: number;
  values: number;
  min: number;
  max: number;
  integers: boolean;
  /** Values not below the previous one: sorted lookup tables (code points, offsets) are not images. */
  ascending: number;
  last: number;
  /** The first values as bytes, while they fit one (0–255, or Java's signed -128–127). */
  bytes: number[];
  /** Digits written: long fractions carry more than a float32 each (13 digits spell 5 bytes). */
  digits: number;
}

export function findNumberRuns(
  text: string,
  lineStarts: readonly number[],
  options: NumberRunOptions = DEFAULT_NUMBER_RUNS,
): EncodedRun[] {
  const runs: EncodedRun[] = [];
  let block: Block | undefined;
  const flush = () => {
    if (block) {
      const width = !block.integers
        ? 4
        : block.min >= 0 && block.max <= 255
          ? 1
          : block.min >= -32768 && block.max <= 65535
            ? 2
            : 4;
      const written = block.integers ? 0 : Math.floor((block.digits * Math.log2(10)) / 8);
      const bytes = Math.max(block.values * width, written);
      const sorted = block.ascending >= block.values - 2;
      // Byte values spelling a known format (a PNG written as a list of numbers) count at any size.
      const kind =
        block.integers && block.min >= -128 && block.max <= 255 && block.values >= 8
          ? signature(Buffer.from(block.bytes))
          : undefined;
      if (kind) {
        runs.push({
          encoding: 'numbers',
          offset: block.offset,
          length: block.end - block.offset,
          decodedBytes: block.values,
          decodesTo: kind,
        });
        block = undefined;
        return;
      }
      if (
        !sorted &&
        (block.values >= options.minValues || (block.values >= 256 && bytes >= options.minBytes))
      )
        runs.push({
          encoding: 'numbers',
          offset: block.offset,
          length: block.end - block.offset,
          decodedBytes: bytes,
          decodesTo: 'pixel-array',
        });
    }
    block = undefined;
  };
  for (let n = 0; n < lineStarts.length; n++) {
    const start = lineStarts[n]!;
    const end = n + 1 < lineStarts.length ? lineStarts[n + 1]! - 1 : text.length;
    const line = scanLine(text, start, end, block);
    if (line === 'blank') continue;
    if (line === undefined) {
      flush();
      continue;
    }
    block = line;
    block.end = end;
  }
  flush();
  return runs;
}

/** Adds a numeric line to `block` (or starts one); undefined when the line is not numeric. */
function scanLine(
  text: string,
  start: number,
  end: number,
  block: Block | undefined,
): Block | 'blank' | undefined {
  let values = 0;
  let words = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let integers = true;
  let ascending = 0;
  let digits = 0;
  let last = block?.last ?? Number.NEGATIVE_INFINITY;
  const bytes: number[] = [];
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    const isDigit =
      (c >= 48 && c <= 57) || ((c === 45 || c === 46) && i + 1 < end && /[\d.]/.test(text[i + 1]!));
    if (isDigit) {
      const before = i > start ? text.charCodeAt(i - 1) : 32;
      NUMBER.lastIndex = i;
      const match = NUMBER.exec(text);
      const length = match ? match[0].length : 1;
      const after = i + length < end ? text.charCodeAt(i + length) : 32;
      if (match && !isWordChar(before) && !isWordChar(after)) {
        const value = Number(match[0]);
        values++;
        if (value < min) min = value;
        if (value > max) max = value;
        if (!Number.isInteger(value)) integers = false;
        if (value >= last) ascending++;
        digits += significantDigits(match[0]);
        last = value;
        if (bytes.length < 4096) bytes.push(value & 0xff);
      } else words++;
      i += length;
      continue;
    }
    if (isWordChar(c)) {
      while (i < end && isWordChar(text.charCodeAt(i))) i++;
      words++;
      if (words > 16 && words > 1 + values / 8) return undefined;
      continue;
    }
    i++;
  }
  if (values === 0)
    return words === 0 && !/[^\s[\](){},;]/.test(text.slice(start, end)) ? 'blank' : undefined;
  if (!(words === 0 || (values >= 8 && words <= values / 8))) return undefined;
  const b = block ?? {
    offset: start,
    end,
    values: 0,
    min,
    max,
    integers: true,
    ascending: 0,
    last,
    bytes: [],
    digits: 0,
  };
  if (b.bytes.length < 4096) b.bytes.push(...bytes);
  b.values += values;
  b.min = Math.min(b.min, min);
  b.max = Math.max(b.max, max);
  b.integers &&= integers;
  b.ascending += ascending;
  b.digits += digits;
  b.last = last;
  return b;
}

/** Digits of the mantissa without leading zeros (`0.0012` has 2, `255` has 3). */
function significantDigits(number: string): number {
  const mantissa = number
    .replace(/[eE].*$/, '')
    .replace(/[-.]/g, '')
    .replace(/^0+/, '');
  return Math.max(1, mantissa.length);
}

function isWordChar(c: number): boolean {
  return (
    (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || (c >= 48 && c <= 57) || c === 46
  );
}
