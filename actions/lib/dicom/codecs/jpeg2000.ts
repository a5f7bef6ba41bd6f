/** JPEG 2000 through OpenJPEG (WASM, from @cornerstonejs/codec-openjpeg). */
import { type CodecOutput, codecFrameOutput } from './codec-output.js';
import { decodeWith, lazyCodec } from './wasm-codec.js';

const openjpeg = lazyCodec(
  () => import('@cornerstonejs/codec-openjpeg/decodewasmjs'),
  '@cornerstonejs/codec-openjpeg/decodewasm',
);

/**
 * Decodes one JPEG 2000 frame. OpenJPEG applies the stream's multi-component transform itself, so
 * YBR_RCT and YBR_ICT frames come back as RGB.
 */
export async function decodeJpeg2000(bytes: Uint8Array): Promise<CodecOutput> {
  const { info, decoded } = decodeWith(await openjpeg(), 'J2KDecoder', bytes);
  return codecFrameOutput(decoded, info, info.componentCount === 3);
}
