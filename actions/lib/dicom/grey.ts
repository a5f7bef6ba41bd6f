/**
 * Grey frames to 8 bits: stored value → Modality LUT → VOI → MONOCHROME1 inversion. For containers
 * of up to 16 bits the whole chain is folded into one table indexed by the container value, so a
 * frame costs one table build (at most 65,536 entries) plus one lookup per pixel.
 */
import type { DecodedFrame } from './decode-frame.js';
import { modalityTransform } from './modality-lut.js';
import type { PixelModule } from './pixel-module.js';
import { storedValueFunction } from './stored-values.js';
import { type VoiOptions, type VoiTransform, voiTransform } from './voi-lut.js';

/** An 8-bit grey frame and what was applied to make it. */
export interface GreyResult {
  data: Uint8Array;
  resolved: Record<string, unknown>;
}

/** Renders a MONOCHROME1/MONOCHROME2 frame. */
export function renderGrey(frame: DecodedFrame, module: PixelModule, options: VoiOptions): GreyResult {
  const pixels = module.rows * module.columns;
  const invert = module.photometric === 'MONOCHROME1';
  if (module.bitsAllocated === 1) {
    // Segmentation-style bitmaps: no LUT applies to 0/1, they become black and white.
    const data = new Uint8Array(pixels);
    for (let i = 0; i < pixels; i++) data[i] = (frame.values[i] ? 255 : 0) ^ (invert ? 255 : 0);
    return { data, resolved: { window: 'binary' } };
  }

  const stored = module.floatPixels ? (v: number) => v : storedValueFunction(module);
  const modality = modalityTransform(module);
  const toModality = (raw: number) => modality.apply(stored(raw));
  const values = unsignedView(frame.values);

  let data: Uint8Array;
  let voiResolved: Record<string, unknown>;
  if (values instanceof Uint8Array || values instanceof Uint16Array) {
    const size = values instanceof Uint8Array ? 256 : 65536;
    const range = () => {
      const present = new Uint8Array(size);
      for (let i = 0; i < pixels; i++) present[values[i]!] = 1;
      let min = Number.POSITIVE_INFINITY;
      let max = Number.NEGATIVE_INFINITY;
      for (let raw = 0; raw < size; raw++) {
        if (!present[raw]) continue;
        const m = toModality(raw);
        if (m < min) min = m;
        if (m > max) max = m;
      }
      return { min, max };
    };
    const voi = voiTransform(module, options, range);
    let table: Uint8Array;
    if (voi.linear && !module.modalityLut) {
      table = linearTable(size, module, voi.linear, invert);
    } else {
      table = new Uint8Array(size);
      for (let raw = 0; raw < size; raw++) table[raw] = toByte(voi.apply(toModality(raw)), invert);
    }
    data = applyTable(values, table, pixels);
    voiResolved = voi.resolved;
  } else {
    const m = new Float64Array(pixels);
    for (let i = 0; i < pixels; i++) m[i] = toModality(values[i]!);
    const voi = voiTransform(module, options, () => {
      let min = Number.POSITIVE_INFINITY;
      let max = Number.NEGATIVE_INFINITY;
      for (const v of m) {
        if (v < min) min = v;
        if (v > max) max = v;
      }
      return { min, max };
    });
    data = new Uint8Array(pixels);
    for (let i = 0; i < pixels; i++) data[i] = toByte(voi.apply(m[i]!), invert);
    voiResolved = voi.resolved;
  }
  return { data, resolved: { ...modality.resolved, ...voiResolved, ...(invert ? { inverted: true } : {}) } };
}

/**
 * The common case (rescale, then a LINEAR window or min–max) with every step inlined: the same
 * arithmetic as the generic path, about ten times faster to build for a 16-bit container.
 */
function linearTable(
  size: number,
  module: PixelModule,
  shape: NonNullable<VoiTransform['linear']>,
  invert: boolean,
): Uint8Array {
  const table = new Uint8Array(size);
  const { low, high, offset, scale, bias } = shape;
  const slope = module.rescaleSlope;
  const intercept = module.rescaleIntercept;
  const shift = module.highBit + 1 - module.bitsStored;
  const mask = 2 ** module.bitsStored - 1;
  const signBit = 2 ** (module.bitsStored - 1);
  const range = 2 ** module.bitsStored;
  const signed = module.pixelRepresentation === 1;
  const identity = slope === 1 && intercept === 0;
  // The table repeats every 2^BitsStored entries (the unused high bits are masked off): build one
  // period and copy it, 16 times less work for 12-bit data in 16-bit words.
  const period = shift === 0 ? Math.min(size, range) : size;
  for (let raw = 0; raw < period; raw++) {
    let v = ((raw >>> shift) & mask) >>> 0;
    if (signed && v >= signBit) v -= range;
    const x = identity ? v : v * slope + intercept;
    let y = x <= low ? 0 : x > high ? 255 : ((x - offset) / scale + bias) * 255;
    y = y <= 0 ? 0 : y >= 255 ? 255 : Math.round(y);
    table[raw] = invert ? 255 - y : y;
  }
  for (let start = period; start < size; start += period) table.copyWithin(start, 0, period);
  return table;
}

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** `table[values[i]]` for every pixel, written four bytes at a time (about twice as fast in V8). */
function applyTable(values: Uint8Array | Uint16Array, table: Uint8Array, pixels: number): Uint8Array {
  const data = new Uint8Array(pixels);
  let start = 0;
  if (LITTLE_ENDIAN_HOST) {
    const words = new Uint32Array(data.buffer, 0, pixels >> 2);
    for (let i = 0, j = 0; j < words.length; i += 4, j++) {
      words[j] =
        table[values[i]!]! |
        (table[values[i + 1]!]! << 8) |
        (table[values[i + 2]!]! << 16) |
        (table[values[i + 3]!]! << 24);
    }
    start = words.length * 4;
  }
  for (let i = start; i < pixels; i++) data[i] = table[values[i]!]!;
  return data;
}

function toByte(value: number, invert: boolean): number {
  const v = Math.round(value <= 0 ? 0 : Math.min(value, 255));
  return invert ? 255 - v : v;
}

/** Signed 16-bit codec output viewed as its unsigned bits, so it can index a table. */
function unsignedView(values: DecodedFrame['values']): Exclude<DecodedFrame['values'], Int16Array> {
  if (values instanceof Int16Array) return new Uint16Array(values.buffer, values.byteOffset, values.length);
  return values;
}
