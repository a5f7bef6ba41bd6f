import { readFile, stat } from 'node:fs/promises';
import { decodeJpeg } from '../../dicom/codecs/jpeg.js';
import { readJpegHeader } from '../../dicom/codecs/jpeg-markers.js';
import { greyIfNeutral } from '../grey-if-neutral.js';
import type { RenderedImage } from '../rendered-image.js';

/** Above this a JPEG goes to libvips, whose threads share a big decode (and WASM memory never shrinks). */
const PLAIN_MAX_PIXELS = 16 * 1024 * 1024;
const PLAIN_MAX_BYTES = 32 * 1024 * 1024;

/** Worth opening as a plain JPEG: the name says JPEG (anything else goes straight to libvips). */
export const looksLikeJpeg = (file: string): boolean => /\.jpe?g$/i.test(file);

/**
 * A "plain" JPEG, what CheXpert and most photographs-of-film are: one 8-bit Huffman frame, grey or
 * JFIF YCbCr, and nothing a viewer would apply to it (no Exif orientation, no ICC profile).
 * libjpeg-turbo through WebAssembly decodes it to exactly the pixels sharp (libjpeg-turbo in
 * libvips) gives, for a third of the CPU on a CheXpert-sized image: libvips costs ~1.2 ms of fixed
 * work per call, more than the decode itself. Anything else returns undefined, and so does a stream
 * the decoder rejects (TurboJPEG stops on corrupt data and truncation, stricter than libvips): the
 * caller then renders through sharp, which reports or accepts the file as before.
 */
export async function renderPlainJpeg(file: string): Promise<RenderedImage | undefined> {
  if (!looksLikeJpeg(file)) return undefined;
  const size = (await stat(file)).size;
  if (size > PLAIN_MAX_BYTES) return undefined;
  const bytes = await readFile(file);
  const header = readJpegHeader(bytes);
  if (
    !header ||
    (header.sof !== 0xc0 && header.sof !== 0xc1) ||
    header.precision !== 8 ||
    !(header.components === 1 || (header.components === 3 && header.ycbcr)) ||
    header.exif ||
    header.icc ||
    header.width === 0 ||
    header.height === 0 ||
    header.width * header.height > PLAIN_MAX_PIXELS
  )
    return undefined;
  let decoded: Awaited<ReturnType<typeof decodeJpeg>>;
  try {
    decoded = await decodeJpeg(bytes);
  } catch {
    return undefined;
  }
  const { width, height, components } = decoded;
  if (components !== header.components || width !== header.width || height !== header.height)
    return undefined;
  const samples = decoded.values as Uint8Array;
  const { channels, data } =
    components === 1 ? { channels: 1 as const, data: samples } : greyIfNeutral(width, height, samples);
  return { width, height, channels, data, resolved: { max_side: null, source_channels: components } };
}
