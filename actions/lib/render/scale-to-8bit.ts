import type { Window } from '../schema/recipe.js';

/** Numbers a renderer can scale: any typed array or plain array of numbers. */
export type NumericArray = ArrayLike<number>;

/** Smallest and largest finite values (NaN and ±Infinity are ignored). */
export function finiteRange(values: NumericArray): { min: number; max: number } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min > max) return { min: 0, max: 0 };
  return { min, max };
}

/**
 * Maps values linearly so that min → 0 and max → 255 (rounded). A constant image maps to 0.
 * Non-finite values map to 0.
 */
export function minMaxTo8Bit(values: NumericArray): { data: Uint8Array; min: number; max: number } {
  const { min, max } = finiteRange(values);
  const data = new Uint8Array(values.length);
  const span = max - min;
  if (span > 0) {
    const scale = 255 / span;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      data[i] = Number.isFinite(v) ? Math.round((v - min) * scale) : 0;
    }
  }
  return { data, min, max };
}

/**
 * The DICOM PS3.3 C.11.2.1.2 LINEAR window to 0..255, the convention radiology viewers share:
 * x ≤ c − 0.5 − (w−1)/2 → 0; x > c − 0.5 + (w−1)/2 → 255; else ((x − (c − 0.5)) / (w − 1) + 0.5) · 255.
 */
export function windowTo8Bit(values: NumericArray, window: Window): Uint8Array {
  const { center: c, width: w } = window;
  const low = c - 0.5 - (w - 1) / 2;
  const high = c - 0.5 + (w - 1) / 2;
  const data = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (!(x > low)) data[i] = 0;
    else if (x > high) data[i] = 255;
    else data[i] = w <= 1 ? 255 : Math.round(((x - (c - 0.5)) / (w - 1) + 0.5) * 255);
  }
  return data;
}
