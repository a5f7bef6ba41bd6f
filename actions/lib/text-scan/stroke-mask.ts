import type { GreyFrame } from './text-grey.js';

/** Text brighter than its surroundings (the usual burned-in overlay) or darker (text on a light bar). */
export type Polarity = 'bright' | 'dark';

/** Box-filter radius of the local mean a stroke is compared with: wider than a stroke, about a glyph. */
const RADIUS = 7;
/** How far a stroke stands out from its surroundings, in grey levels. */
const CONTRAST = 48;

/**
 * Pixels that stand out sharply from their neighbourhood: thin high-contrast strokes. Large bright
 * areas (tissue, a bright organ) raise their own local mean and drop out; text does not.
 */
export function strokeMask(frame: GreyFrame, polarity: Polarity): Uint8Array {
  const { width: w, height: h, data } = frame;
  const stride = w + 1;
  const integral = new Uint32Array(stride * (h + 1));
  for (let y = 0; y < h; y++) {
    let row = 0;
    for (let x = 0; x < w; x++) {
      row += data[y * w + x]!;
      integral[(y + 1) * stride + x + 1] = integral[y * stride + x + 1]! + row;
    }
  }
  const mask = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const y0 = Math.max(0, y - RADIUS);
    const y1 = Math.min(h, y + RADIUS + 1);
    for (let x = 0; x < w; x++) {
      const v = data[y * w + x]!;
      if (polarity === 'bright' ? v < 128 : v > 110) continue;
      const x0 = Math.max(0, x - RADIUS);
      const x1 = Math.min(w, x + RADIUS + 1);
      const sum =
        integral[y1 * stride + x1]! -
        integral[y0 * stride + x1]! -
        integral[y1 * stride + x0]! +
        integral[y0 * stride + x0]!;
      const mean = sum / ((x1 - x0) * (y1 - y0));
      if (polarity === 'bright' ? v - mean >= CONTRAST : mean - v >= CONTRAST && mean >= 140)
        mask[y * w + x] = 1;
    }
  }
  return mask;
}
