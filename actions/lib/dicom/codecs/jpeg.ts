/**
 * JPEG Baseline and Extended (DCT, Huffman): 8-bit frames through libjpeg-turbo (WASM, from
 * @cornerstonejs/codec-libjpeg-turbo-8bit), 12-bit frames through our own decoder.
 */
import { type CodecOutput, codecFrameOutput } from './codec-output.js';
import { readJpegHeader } from './jpeg-markers.js';
import { decodeJpeg12 } from './jpeg12.js';
import { decodeWith, lazyCodec } from './wasm-codec.js';

const libjpegTurbo = lazyCodec(
  () => import('@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs'),
  '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasm',
);

/** Full-range BT.601 YCbCr → RGB in place, at the stream's precision. */
function ycbcrToRgb(values: CodecOutput['values'], precision: number): void {
  const half = 2 ** (precision - 1);
  const top = 2 ** precision - 1;
  const clamp = (v: number) => Math.min(top, Math.max(0, Math.round(v)));
  for (let i = 0; i + 2 < values.length; i += 3) {
    const y = values[i]!;
    const cb = values[i + 1]! - half;
    const cr = values[i + 2]! - half;
    values[i] = clamp(y + 1.402 * cr);
    values[i + 1] = clamp(y - 0.344136 * cb - 0.714136 * cr);
    values[i + 2] = clamp(y + 1.772 * cb);
  }
}

/** Decodes one JPEG DCT frame. Colour frames come back as libjpeg leaves them (see `colourConverted`). */
export async function decodeJpeg(bytes: Uint8Array): Promise<CodecOutput> {
  const header = readJpegHeader(bytes);
  if (!header) throw new Error('not a JPEG stream');
  if (header.precision > 8) {
    const output = decodeJpeg12(bytes);
    // libjpeg would convert a YCbCr stream to RGB; do the same so both decoders agree.
    if (output.components === 3 && header.ycbcr) ycbcrToRgb(output.values, header.precision);
    return { ...output, colourConverted: output.components === 3 && header.ycbcr };
  }
  const { info, decoded } = decodeWith(await libjpegTurbo(), 'JPEGDecoder', bytes);
  return codecFrameOutput(decoded, info, info.componentCount === 3 && header.ycbcr);
}
