import type { RenderedImage } from '../render/rendered-image.js';
import type { Box } from './box.js';
import { padBox } from './box.js';

/** Padding around a region, as a fraction of its height: antialiased edges and misplaced boxes go too. */
const PAD = 0.35;

/** Fills each region (padded) with black: the burned-in text is gone from the pixels, not hidden. */
export function redactRegions(image: RenderedImage, boxes: Box[]): RenderedImage {
  const data = new Uint8Array(image.data);
  for (const b of boxes) {
    const pad = Math.max(2, (b.bottom - b.top) * PAD);
    const r = padBox(b, pad, pad, image.width, image.height);
    for (let y = r.top; y < r.bottom; y++) {
      data.fill(0, (y * image.width + r.left) * image.channels, (y * image.width + r.right) * image.channels);
    }
  }
  return { ...image, data };
}
