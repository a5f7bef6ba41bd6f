import { type Box, boxHeight, boxWidth, padBox } from './box.js';
import type { CandidateLine } from './find-text-lines.js';
import { otsuThreshold } from './otsu.js';
import type { GreyFrame } from './text-grey.js';

/** Glyph height the recogniser reads best at; smaller text is upscaled to it. */
const TARGET_GLYPH = 26;
const MAX_SCALE = 6;
const GAP = 24;
const MARGIN = 16;

/** Where one candidate line sits on the canvas and in the frame. */
export interface CanvasSlot {
  frameBox: Box;
  top: number;
  bottom: number;
}

/** Candidate lines, upscaled, binarised and stacked: black text on white, one recognition call. */
export interface LineCanvas {
  width: number;
  height: number;
  /** RGBA, what the recogniser takes. */
  rgba: Uint8ClampedArray;
  slots: CanvasSlot[];
}

function bilinearCrop(frame: GreyFrame, box: Box, scale: number, invert: boolean): GreyFrame {
  const w = Math.max(1, Math.round(boxWidth(box) * scale));
  const h = Math.max(1, Math.round(boxHeight(box) * scale));
  const out = new Uint8Array(w * h);
  const src = frame.data;
  for (let y = 0; y < h; y++) {
    const sy = Math.min(frame.height - 1, Math.max(0, box.top + (y + 0.5) / scale - 0.5));
    const y0 = Math.floor(sy);
    const y1 = Math.min(frame.height - 1, y0 + 1);
    const fy = sy - y0;
    for (let x = 0; x < w; x++) {
      const sx = Math.min(frame.width - 1, Math.max(0, box.left + (x + 0.5) / scale - 0.5));
      const x0 = Math.floor(sx);
      const x1 = Math.min(frame.width - 1, x0 + 1);
      const fx = sx - x0;
      const top = src[y0 * frame.width + x0]! * (1 - fx) + src[y0 * frame.width + x1]! * fx;
      const bottom = src[y1 * frame.width + x0]! * (1 - fx) + src[y1 * frame.width + x1]! * fx;
      const v = Math.round(top * (1 - fy) + bottom * fy);
      out[y * w + x] = invert ? 255 - v : v;
    }
  }
  return { width: w, height: h, data: out };
}

export function buildLineCanvas(frame: GreyFrame, lines: CandidateLine[]): LineCanvas {
  const crops = lines.map((line) => {
    const g = line.glyphHeight;
    const frameBox = padBox(line, g * 0.6, g * 0.4, frame.width, frame.height);
    const scale = Math.min(MAX_SCALE, Math.max(1, TARGET_GLYPH / g));
    // Strokes bright on the crop whatever the polarity, then split from their background by Otsu.
    const crop = bilinearCrop(frame, frameBox, scale, line.polarity === 'dark');
    return { frameBox, crop, threshold: otsuThreshold(crop.data) };
  });
  const width = Math.max(1, ...crops.map((c) => c.crop.width)) + MARGIN * 2;
  const height = crops.reduce((sum, c) => sum + c.crop.height + GAP, MARGIN * 2);
  const rgba = new Uint8ClampedArray(width * height * 4).fill(255);
  const slots: CanvasSlot[] = [];
  let top = MARGIN;
  for (const { frameBox, crop, threshold } of crops) {
    for (let y = 0; y < crop.height; y++) {
      for (let x = 0; x < crop.width; x++) {
        if (crop.data[y * crop.width + x]! < threshold) continue;
        const p = ((top + y) * width + MARGIN + x) * 4;
        rgba[p] = rgba[p + 1] = rgba[p + 2] = 0;
      }
    }
    slots.push({ frameBox, top, bottom: top + crop.height });
    top += crop.height + GAP;
  }
  return { width, height, rgba, slots };
}
