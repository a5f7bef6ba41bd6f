import sharp from 'sharp';
import { InputError, messageOf } from '../../errors.js';
import { greyIfNeutral } from '../grey-if-neutral.js';
import { MAX_OUTPUT_PIXELS } from '../render-context.js';
import type { RenderedImage } from '../rendered-image.js';
import { SampleLayoutError } from '../sample-layout.js';
import { rawEightBit } from '../sharp-raw.js';
import { renderPlainJpeg } from './plain-jpeg.js';

/**
 * Normalises a photograph-like source (CheXpert JPEG, MURA PNG): the EXIF orientation is applied
 * (so the pixels stand the way a viewer shows them), transparency is flattened onto black, 16-bit
 * samples become 8-bit, colour is converted to sRGB, every bit of metadata is dropped, and an image
 * with equal R, G and B everywhere comes out grey. `max_side` shrinks (never enlarges) with Lanczos-3.
 * A plain JPEG (see renderPlainJpeg) skips libvips: same pixels, a third of the CPU.
 */
export async function renderImage(
  file: string,
  recipe: { max_side?: number | undefined },
): Promise<RenderedImage> {
  if (recipe.max_side === undefined) {
    const plain = await renderPlainJpeg(file);
    if (plain) return plain;
  }
  return renderImageThroughLibvips(file, recipe);
}

/** renderImage without the plain-JPEG path: what a render thread declined comes here. */
export async function renderImageThroughLibvips(
  file: string,
  recipe: { max_side?: number | undefined },
): Promise<RenderedImage> {
  let pipeline = sharp(file, { limitInputPixels: MAX_OUTPUT_PIXELS, failOn: 'error' }).rotate();
  if (recipe.max_side !== undefined) {
    pipeline = pipeline.resize({
      width: recipe.max_side,
      height: recipe.max_side,
      fit: 'inside',
      withoutEnlargement: true,
      kernel: 'lanczos3',
    });
  }
  let raw: Awaited<ReturnType<typeof rawEightBit>>;
  try {
    raw = await rawEightBit(pipeline);
  } catch (error) {
    if (error instanceof SampleLayoutError)
      throw new InputError(
        'image/unsupported-samples',
        file,
        `cannot show the image faithfully: ${error.message}`,
      );
    const reason = messageOf(error);
    if (/pixel limit/i.test(reason))
      throw new InputError('image/too-large', file, 'the image has more pixels than allowed');
    throw new InputError('image/decode-failed', file, `cannot decode the image (${reason.split('\n')[0]})`);
  }
  const { channels, data } = raw.channels === 1 ? raw : greyIfNeutral(raw.width, raw.height, raw.data);
  return {
    width: raw.width,
    height: raw.height,
    channels,
    data,
    resolved: { max_side: recipe.max_side ?? null, source_channels: raw.sourceChannels },
  };
}
