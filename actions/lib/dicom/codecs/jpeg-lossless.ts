/** JPEG Lossless (Process 14, any predictor) through jpeg-lossless-decoder-js (pure JavaScript). */
import { Decoder } from 'jpeg-lossless-decoder-js';
import type { CodecOutput } from './codec-output.js';
import { readJpegHeader } from './jpeg-markers.js';

/** Decodes one lossless JPEG frame into 8- or 16-bit samples, interleaved. */
export function decodeJpegLossless(
  bytes: Uint8Array,
  rows: number,
  columns: number,
  bitsAllocated: number,
): CodecOutput {
  const header = readJpegHeader(bytes);
  if (!header) throw new Error('not a JPEG stream');
  const bytesPerSample = bitsAllocated <= 8 ? 1 : 2;
  const copy = bytes.slice();
  const out = new Decoder().decode(copy.buffer, 0, copy.byteLength, bytesPerSample) as ArrayLike<number> &
    ArrayBufferView;
  const values =
    bytesPerSample === 1
      ? new Uint8Array(out.buffer, out.byteOffset, out.byteLength)
      : new Uint16Array(out.buffer, out.byteOffset, out.byteLength >> 1);
  return {
    values,
    width: columns,
    height: rows,
    components: header.components,
    planar: false,
    colourConverted: false,
  };
}
