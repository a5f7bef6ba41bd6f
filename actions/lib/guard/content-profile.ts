/**
 * One streaming pass over a whole blob that tells text from binary without relying on NUL bytes:
 * text is valid UTF-8, has almost no control characters, and does not repeat bytes at the stride of
 * packed numbers (the exponent byte of a float32 array, the high byte of a 16-bit image).
 */

export interface ContentProfile {
  size: number;
  nul: number;
  /** C0 controls other than tab, line feed, vertical tab, form feed, carriage return and escape; DEL; C1. */
  control: number;
  whitespace: number;
  validUtf8: boolean;
  /** matches[k] = how often byte i equals byte i-k, for k = 1..8, over the first STRIDE_SAMPLE bytes. */
  matches: number[];
  /** Bytes the stride counts cover. */
  sampled: number;
  /** Distinct byte values among the sampled bytes. */
  distinct: number;
}

const MAX_STRIDE = 8;
/** Stride statistics settle within a few hundred KiB; counting them over a whole bundle is waste. */
const STRIDE_SAMPLE = 256 * 1024;

/** Streams `chunks` once; memory stays constant whatever the blob's size. */
export async function profileContent(
  chunks: AsyncIterable<Buffer> | Iterable<Buffer>,
): Promise<ContentProfile> {
  const profiler = new Profiler();
  for await (const chunk of chunks) profiler.push(chunk);
  return profiler.profile;
}

/** The profile of bytes already in memory (a decoded payload). */
export function profileBytes(bytes: Buffer): ContentProfile {
  const profiler = new Profiler();
  profiler.push(bytes);
  return profiler.profile;
}

class Profiler {
  readonly profile: ContentProfile = {
    size: 0,
    nul: 0,
    control: 0,
    whitespace: 0,
    validUtf8: true,
    matches: new Array(MAX_STRIDE + 1).fill(0),
    sampled: 0,
    distinct: 0,
  };
  private readonly seen = new Uint8Array(256);
  private readonly last = new Uint8Array(MAX_STRIDE); // ring of the previous bytes
  private need = 0; // UTF-8 continuation bytes still expected
  private low = 0x80;
  private high = 0xbf; // range of the next continuation byte (overlongs and surrogates excluded)
  private c1 = false; // after C2: U+0080..U+009F are C1 controls

  push(chunk: Buffer): void {
    const profile = this.profile;
    const m = profile.matches;
    const last = this.last;
    let { need, low, high, c1 } = this;
    let pos = profile.size;
    const sampleEnd = Math.max(0, Math.min(chunk.length, STRIDE_SAMPLE - pos));
    for (let i = 0; i < sampleEnd; i++) {
      const b = chunk[i]!;
      const p = pos + i;
      for (let k = 1; k <= MAX_STRIDE; k++) if (last[(p - k) & 7] === b) m[k]!++;
      last[p & 7] = b;
      if (this.seen[b] === 0) {
        this.seen[b] = 1;
        profile.distinct++;
      }
    }
    profile.sampled = Math.min(STRIDE_SAMPLE, pos + chunk.length);
    for (let i = 0; i < chunk.length; i++, pos++) {
      const b = chunk[i]!;
      if (need > 0) {
        if (b < low || b > high) {
          profile.validUtf8 = false;
          need = 0;
        } else {
          if (c1 && b <= 0x9f) profile.control++;
          c1 = false;
          need--;
          low = 0x80;
          high = 0xbf;
          continue;
        }
      }
      if (b < 0x80) {
        if (b === 0) profile.nul++;
        else if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) profile.whitespace++;
        else if ((b < 0x20 && b !== 0x0b && b !== 0x0c && b !== 0x1b) || b === 0x7f) profile.control++;
      } else if (b >= 0xc2 && b <= 0xdf) {
        need = 1;
        c1 = b === 0xc2;
      } else if (b >= 0xe0 && b <= 0xef) {
        need = 2;
        if (b === 0xe0) low = 0xa0;
        else if (b === 0xed) high = 0x9f;
      } else if (b >= 0xf0 && b <= 0xf4) {
        need = 3;
        if (b === 0xf0) low = 0x90;
        else if (b === 0xf4) high = 0x8f;
      } else {
        profile.validUtf8 = false;
      }
    }
    profile.size = pos;
    Object.assign(this, { need, low, high, c1 });
    // A sequence cut by the end of the blob (or of a decoded prefix) does not make text binary.
  }
}

/** Why a profiled blob is binary, or undefined when it reads as text. */
export function binaryReason(p: ContentProfile): string | undefined {
  if (p.size === 0) return undefined;
  if (p.nul > 0) return 'NUL bytes';
  if (!p.validUtf8) return 'not valid UTF-8';
  if (p.control > Math.max(2, p.size * 0.005)) return 'control characters';
  if (looksPacked(p)) return 'bytes repeat at the stride of packed numbers';
  return undefined;
}

/**
 * Packed little-endian numbers repeat a byte every 2, 4 or 8 positions far more often than at odd
 * strides; text (whose spaces and letters repeat at every stride alike) does not. Only judged on
 * blobs without the whitespace text has, so indented code never qualifies.
 */
function looksPacked(p: ContentProfile): boolean {
  // A few characters repeating ("0,0,0,") is a degenerate text, not an array of numbers.
  if (p.size < 512 || p.whitespace > p.size * 0.02 || p.distinct < 24) return false;
  const rate = (k: number) => p.matches[k]! / (p.sampled - k);
  const odd = Math.max(rate(1), rate(3), rate(5), rate(7));
  const even = Math.max(rate(2), rate(4), rate(8));
  return even >= 0.12 && even > 2.5 * odd;
}
