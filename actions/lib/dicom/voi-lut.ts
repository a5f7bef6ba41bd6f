/**
 * The VOI LUT stage (PS3.3 C.11.2) onto 0..255: an explicit window from the recipe (or a CT preset),
 * else the file's VOI LUT Sequence, else its first WindowCenter/WindowWidth with its VOILUTFunction,
 * else the frame's own minimum and maximum.
 */
import { CT_PRESETS, type CtPreset } from '../schema/ct-presets.js';
import { lookup } from './modality-lut.js';
import type { PixelModule, VoiLutFunction } from './pixel-module.js';

/** Options that override the file's VOI. */
export interface VoiOptions {
  window?: { center: number; width: number };
  preset?: CtPreset;
}

/** The VOI transform (output 0..255, unrounded) and what to record about it. */
export interface VoiTransform {
  apply: (value: number) => number;
  resolved: Record<string, unknown>;
  /** Set when `apply` is a LINEAR window or a min–max ramp, so a caller can inline the arithmetic. */
  linear?: { low: number; high: number; offset: number; scale: number; bias: number };
}

/** Builds the VOI transform. `range` is called only when the frame's min–max is needed. */
export function voiTransform(
  module: PixelModule,
  options: VoiOptions,
  range: () => { min: number; max: number },
): VoiTransform {
  if (options.preset) {
    const window = CT_PRESETS[options.preset];
    return {
      apply: windowFunction(window.center, window.width, 'LINEAR'),
      resolved: { preset: options.preset, window: { ...window }, function: 'LINEAR' },
      linear: linearShape(window.center, window.width),
    };
  }
  if (options.window) {
    const { center, width } = options.window;
    return {
      apply: windowFunction(center, width, 'LINEAR'),
      resolved: { window: { center, width }, function: 'LINEAR' },
      linear: linearShape(center, width),
    };
  }
  if (module.voiLut) {
    const table = lookup(module.voiLut);
    const scale = 255 / (2 ** module.voiLut.bits - 1);
    return { apply: (v) => table(v) * scale, resolved: { window: 'voi-lut' } };
  }
  const fileWindow = module.window;
  const fn = module.voiLutFunction;
  if (fileWindow && (fn === 'LINEAR' ? fileWindow.width >= 1 : fileWindow.width > 0)) {
    return {
      apply: windowFunction(fileWindow.center, fileWindow.width, fn),
      resolved: { window: { ...fileWindow }, function: fn },
      linear: fn === 'LINEAR' ? linearShape(fileWindow.center, fileWindow.width) : undefined,
    };
  }
  const { min, max } = range();
  const span = max - min;
  return {
    apply: span > 0 ? (v) => ((v - min) / span) * 255 : () => 0,
    resolved: { window: 'min-max', min, max },
    linear:
      span > 0
        ? { low: Number.NEGATIVE_INFINITY, high: Number.POSITIVE_INFINITY, offset: min, scale: span, bias: 0 }
        : undefined,
  };
}

/**
 * LINEAR as `x <= low → 0; x > high → 255; else ((x - offset) / scale + bias) * 255`: the same
 * floating-point steps as windowFunction, so both paths give identical bytes.
 */
function linearShape(center: number, width: number): VoiTransform['linear'] {
  const c = center - 0.5;
  const w = width - 1;
  return w > 0 ? { low: c - w / 2, high: c + w / 2, offset: c, scale: w, bias: 0.5 } : undefined;
}

/** The window functions of PS3.3 C.11.2.1.2 and C.11.2.1.3.1 with output range 0..255. */
export function windowFunction(center: number, width: number, fn: VoiLutFunction): (x: number) => number {
  if (fn === 'SIGMOID') return (x) => 255 / (1 + Math.exp((-4 * (x - center)) / width));
  if (fn === 'LINEAR_EXACT') {
    const low = center - width / 2;
    const high = center + width / 2;
    return (x) => (x <= low ? 0 : x > high ? 255 : ((x - center) / width + 0.5) * 255);
  }
  const c = center - 0.5;
  const w = width - 1;
  const low = c - w / 2;
  const high = c + w / 2;
  // A width of exactly 1 is a threshold at the center.
  return (x) => (x <= low ? 0 : x > high ? 255 : ((x - c) / w + 0.5) * 255);
}
