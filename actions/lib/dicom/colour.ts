/**
 * Colour frames to 8-bit RGB: PALETTE COLOR through its three LUTs, YBR_FULL through the full-range
 * ITU-R BT.601 matrix (PS3.3 C.7.6.3.1.2), RGB as is; more than 8 bits are scaled down linearly.
 * No VOI applies to colour (PS3.3 C.11.2 concerns grey images).
 */
import type { DecodedFrame } from './decode-frame.js';
import { lookup } from './modality-lut.js';
import type { LookupTable, PixelModule } from './pixel-module.js';
import { storedValueFunction } from './stored-values.js';

/** An interleaved RGB frame and what was applied to make it. */
export interface ColourResult {
  data: Uint8Array;
  resolved: Record<string, unknown>;
}

/** Renders a PALETTE COLOR, RGB or YBR frame (after any decoder colour conversion). */
export function renderColour(frame: DecodedFrame, module: PixelModule): ColourResult {
  if (frame.photometric === 'PALETTE COLOR') return renderPalette(frame, module);
  const pixels = module.rows * module.columns;
  const bits = module.bitsStored;
  const sample = storedValueFunction({ bitsStored: bits, highBit: module.highBit, pixelRepresentation: 0 });
  const { values, planar } = frame;
  const at = planar
    ? (p: number, s: number) => values[s * pixels + p]!
    : (p: number, s: number) => values[p * 3 + s]!;
  const top = 2 ** bits - 1;
  const toByte = bits === 8 ? (v: number) => Math.round(v) : (v: number) => Math.round((v * 255) / top);
  const data = new Uint8Array(pixels * 3);
  if (frame.photometric === 'YBR_FULL') {
    const half = 2 ** (bits - 1);
    const clamp = (v: number) => (v <= 0 ? 0 : Math.min(v, top));
    for (let p = 0; p < pixels; p++) {
      const y = sample(at(p, 0));
      const cb = sample(at(p, 1)) - half;
      const cr = sample(at(p, 2)) - half;
      data[p * 3] = toByte(clamp(y + 1.402 * cr));
      data[p * 3 + 1] = toByte(clamp(y - 0.344136 * cb - 0.714136 * cr));
      data[p * 3 + 2] = toByte(clamp(y + 1.772 * cb));
    }
    return { data, resolved: { colour: 'YBR_FULL' } };
  }
  for (let p = 0; p < pixels; p++) {
    data[p * 3] = toByte(sample(at(p, 0)));
    data[p * 3 + 1] = toByte(sample(at(p, 1)));
    data[p * 3 + 2] = toByte(sample(at(p, 2)));
  }
  return { data, resolved: { colour: 'RGB' } };
}

function renderPalette(frame: DecodedFrame, module: PixelModule): ColourResult {
  const palette = module.palette!;
  const pixels = module.rows * module.columns;
  const stored = storedValueFunction(module);
  const channel = (lut: LookupTable) => {
    const table = lookup(lut);
    const top = 2 ** lut.bits - 1;
    return lut.bits <= 8
      ? (v: number) => Math.min(255, table(v))
      : (v: number) => Math.round((table(v) * 255) / top);
  };
  const red = channel(palette.red);
  const green = channel(palette.green);
  const blue = channel(palette.blue);
  const data = new Uint8Array(pixels * 3);
  for (let p = 0; p < pixels; p++) {
    const v = stored(frame.values[p]!);
    data[p * 3] = red(v);
    data[p * 3 + 1] = green(v);
    data[p * 3 + 2] = blue(v);
  }
  return { data, resolved: { colour: 'PALETTE COLOR' } };
}
