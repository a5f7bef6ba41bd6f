import sharp from 'sharp';
import type { RenderedImage } from '../render/rendered-image.js';

/** A written output back to pixels (grey or RGB, as regenerate wrote it; alpha dropped). */
export async function decodePng(png: Uint8Array): Promise<RenderedImage> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const channels = info.channels === 1 ? 1 : 3;
  if (info.channels !== channels) throw new Error(`unexpected ${info.channels}-channel image`);
  return { width: info.width, height: info.height, channels, data, resolved: {} };
}
