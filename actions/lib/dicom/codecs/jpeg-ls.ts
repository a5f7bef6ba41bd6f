/** JPEG-LS (lossless and near-lossless) through CharLS (WASM, from @cornerstonejs/codec-charls). */
import { type CodecOutput, codecFrameOutput } from './codec-output.js';
import { decodeWith, lazyCodec } from './wasm-codec.js';

const charls = lazyCodec(
  () => import('@cornerstonejs/codec-charls/decodewasmjs'),
  '@cornerstonejs/codec-charls/decodewasm',
);

/** Decodes one JPEG-LS frame; CharLS returns interleaved samples whatever the stream's interleave mode. */
export async function decodeJpegLs(bytes: Uint8Array, signed: boolean): Promise<CodecOutput> {
  const { info, decoded } = decodeWith(await charls(), 'JpegLSDecoder', bytes);
  return codecFrameOutput(decoded, { ...info, isSigned: signed }, false);
}
