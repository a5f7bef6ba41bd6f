import { valueNoise } from './prng.js';
import type { PixelBuffer } from './stored-png.js';

/** An ellipse, optionally turned so that its first axis points along (ux, uy). */
export interface Ellipse {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
  /** Direction of the rx axis; normalised here with sqrt, never with trigonometry. */
  axis?: [number, number];
  /** Width of the soft edge, as a fraction of the radius. */
  soft?: number;
}

/**
 * A floating-point canvas (values 0..255 per channel) with the few drawing operations the generators
 * use. Only + - * / and sqrt, which IEEE 754 fixes exactly, so every machine draws the same pixels.
 */
export class Raster {
  readonly data: Float64Array;

  constructor(
    readonly width: number,
    readonly height: number,
    readonly channels: 1 | 3 = 1,
  ) {
    this.data = new Float64Array(width * height * channels);
  }

  /** Sets every pixel to `value` (one number per channel). */
  fill(value: readonly number[]): this {
    for (let i = 0; i < this.width * this.height; i++) {
      for (let c = 0; c < this.channels; c++) this.data[i * this.channels + c] = value[c] ?? value[0]!;
    }
    return this;
  }

  /** 1 inside the ellipse, falling linearly to 0 across its soft edge, 0 outside. */
  coverage(e: Ellipse, x: number, y: number): number {
    let dx = x + 0.5 - e.cx;
    let dy = y + 0.5 - e.cy;
    if (e.axis) {
      const n = Math.sqrt(e.axis[0] * e.axis[0] + e.axis[1] * e.axis[1]);
      if (n > 0) {
        const ux = e.axis[0] / n;
        const uy = e.axis[1] / n;
        const along = dx * ux + dy * uy;
        dy = -dx * uy + dy * ux;
        dx = along;
      }
    }
    const d = Math.sqrt((dx * dx) / (e.rx * e.rx) + (dy * dy) / (e.ry * e.ry));
    const soft = e.soft ?? 0.08;
    if (d <= 1 - soft) return 1;
    if (d >= 1) return 0;
    return (1 - d) / soft;
  }

  /** Blends `value` into the ellipse: mode "set" paints over, "add" adds (value may be negative). */
  ellipse(e: Ellipse, value: readonly number[], mode: 'set' | 'add' = 'set'): this {
    const x0 = Math.max(0, Math.floor(e.cx - Math.max(e.rx, e.ry) - 1));
    const x1 = Math.min(this.width - 1, Math.ceil(e.cx + Math.max(e.rx, e.ry) + 1));
    const y0 = Math.max(0, Math.floor(e.cy - Math.max(e.rx, e.ry) - 1));
    const y1 = Math.min(this.height - 1, Math.ceil(e.cy + Math.max(e.rx, e.ry) + 1));
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const a = this.coverage(e, x, y);
        if (a === 0) continue;
        for (let c = 0; c < this.channels; c++) {
          const i = (y * this.width + x) * this.channels + c;
          const v = value[c] ?? value[0]!;
          this.data[i] = mode === 'set' ? this.data[i]! * (1 - a) + v * a : this.data[i]! + v * a;
        }
      }
    }
    return this;
  }

  /** Adds value noise of amplitude `amount` (centred on 0) to every channel alike, inside `mask` if given. */
  noise(amount: number, scale: number, seed: number, mask?: (x: number, y: number) => number): this {
    for (let y = 0; y < this.height; y++) {
      for (let x = 0; x < this.width; x++) {
        const m = mask ? mask(x, y) : 1;
        if (m === 0) continue;
        const n = (valueNoise(x, y, scale, seed) - 0.5) * amount * m;
        for (let c = 0; c < this.channels; c++) this.data[(y * this.width + x) * this.channels + c]! += n;
      }
    }
    return this;
  }

  /** Multiplies every pixel by f(x, y) (e.g. an ultrasound sector or a vignette). */
  multiply(f: (x: number, y: number) => number): this {
    for (let y = 0; y < this.height; y++) {
      for (let x = 0; x < this.width; x++) {
        const m = f(x, y);
        for (let c = 0; c < this.channels; c++) this.data[(y * this.width + x) * this.channels + c]! *= m;
      }
    }
    return this;
  }

  /** Rounds and clamps to 8-bit pixels. */
  toPixels(): PixelBuffer {
    const out = new Uint8Array(this.data.length);
    for (let i = 0; i < this.data.length; i++) {
      const v = Math.round(this.data[i]!);
      // Uint8Array stores v modulo 256, so clamp first.
      out[i] = Math.min(Math.max(v, 0), 255);
    }
    return { width: this.width, height: this.height, channels: this.channels, data: out };
  }
}
