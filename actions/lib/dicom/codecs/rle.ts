/** RLE Lossless (PS3.5 Annex G): PackBits segments, one per byte of each sample, most significant first. */
import type { CodecOutput } from './codec-output.js';

/** Decodes one RLE frame into sample planes (plane after plane). Throws on a malformed frame. */
export function decodeRle(
  bytes: Uint8Array,
  rows: number,
  columns: number,
  samplesPerPixel: number,
  bitsAllocated: number,
): CodecOutput {
  if (bytes.length < 64) throw new Error('RLE header is short');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const segments = view.getUint32(0, true);
  const bytesPerSample = bitsAllocated / 8;
  if (segments !== samplesPerPixel * bytesPerSample)
    throw new Error('RLE segment count does not match the pixel module');
  const pixels = rows * columns;
  const planeCount = samplesPerPixel * pixels;
  const values =
    bytesPerSample === 1
      ? new Uint8Array(planeCount)
      : bytesPerSample === 2
        ? new Uint16Array(planeCount)
        : new Uint32Array(planeCount);
  const segment = new Uint8Array(pixels);
  for (let s = 0; s < segments; s++) {
    const start = view.getUint32(4 + s * 4, true);
    const end = s + 1 < segments ? view.getUint32(8 + s * 4, true) : bytes.length;
    if (start < 64 || start > bytes.length || end < start || end > bytes.length)
      throw new Error('RLE segment offset out of range');
    // A segment that decodes to fewer bytes than Rows × Columns is cut short: zero-filling it would
    // make up pixels (PS3.5 G.3.2 requires each segment to hold exactly one byte plane).
    if (unpackBits(bytes, start, end, segment) < pixels)
      throw new Error('RLE segment is shorter than the frame');
    const sample = Math.floor(s / bytesPerSample);
    const shift = 8 * (bytesPerSample - 1 - (s % bytesPerSample));
    const base = sample * pixels;
    if (bytesPerSample === 1) {
      values.set(segment, base);
    } else {
      for (let p = 0; p < pixels; p++) values[base + p] = (values[base + p]! | (segment[p]! << shift)) >>> 0;
    }
  }
  return {
    values,
    width: columns,
    height: rows,
    components: samplesPerPixel,
    planar: true,
    colourConverted: false,
  };
}

/** PackBits into `out` (at most its length); returns how many bytes the segment gave. */
function unpackBits(bytes: Uint8Array, start: number, end: number, out: Uint8Array): number {
  out.fill(0);
  let at = start;
  let o = 0;
  while (at < end && o < out.length) {
    const n = bytes[at++]!;
    if (n < 128) {
      const count = Math.min(n + 1, out.length - o, end - at);
      out.set(bytes.subarray(at, at + count), o);
      o += count;
      at += n + 1;
    } else if (n > 128) {
      if (at >= end) break; // a run with no byte to repeat: the segment is cut
      const count = Math.min(257 - n, out.length - o);
      out.fill(bytes[at]!, o, o + count);
      o += count;
      at++;
    } else {
      at++; // 128 is a no-op.
    }
  }
  return o;
}
