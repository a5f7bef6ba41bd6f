/**
 * JPEG Baseline and Extended (DCT, Huffman): 8-bit frames through libjpeg-turbo (WASM, from
 * @cornerstonejs/codec-libjpeg-turbo-8bit), 12-bit frames through our own decoder.
 */
import { type CodecOutput, samplesFromBytes } from './codec-output.js';
import { readJpegHeader } from './jpeg-markers.js';
import { decodeJpeg12 } from './jpeg12.js';
import { decodeWith, lazyCodec } from './wasm-codec.js';

const libjpegTurbo = lazyCodec(
  () => import('@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs'),
  '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasm',
);

/** Decodes one JPEG DCT frame. Colour frames come back as libjpeg leaves them (see `colourConverted`). */
export async function decodeJpeg(bytes: Uint8Array): Promise<CodecOutput> {
  const header = readJpegHeader(bytes);
  if (!header) throw new Error('not a JPEG stream');
  if (header.precision > 8) return decodeJpeg12(bytes);
  const { info, decoded } = decodeWith(await libjpegTurbo(), 'JPEGDecoder', bytes);
  return {
    values: samplesFromBytes(decoded, info),
    width: info.width,
    height: info.height,
    components: info.componentCount,
    planar: false,
    colourConverted: info.componentCount === 3 && header.ycbcr,
  };
}
