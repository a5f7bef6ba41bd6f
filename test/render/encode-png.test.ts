import { execFileSync } from 'node:child_process';
import { inflateSync } from 'node:zlib';
import fc from 'fast-check';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { encodePng, pixelsSha256 } from '../../actions/lib/render/encode-png.js';
import type { RenderedImage } from '../../actions/lib/render/rendered-image.js';

const image = (width: number, height: number, channels: 1 | 3, seed = 1): RenderedImage => ({
  width,
  height,
  channels,
  data: new Uint8Array(width * height * channels).map((_, i) => (i * 31 + seed) % 256),
  resolved: {},
});

describe('encodePng', () => {
  it('gives the same bytes every time, with no metadata chunks', async () => {
    const a = await encodePng(image(33, 17, 3));
    const b = await encodePng(image(33, 17, 3));
    expect(Buffer.compare(a, b)).toBe(0);
    const chunks: string[] = [];
    for (let at = 8; at < a.length; ) {
      const length = a.readUInt32BE(at);
      chunks.push(a.toString('latin1', at + 4, at + 8));
      at += 12 + length;
    }
    expect(chunks.filter((c) => c !== 'IDAT')).toEqual(['IHDR', 'IEND']);
  });

  it('keeps grey as one 8-bit channel and round-trips the pixels', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.constantFrom<1 | 3>(1, 3),
        async (w, h, c) => {
          const source = image(w, h, c, w * h);
          const png = await encodePng(source);
          expect(png[25]).toBe(c === 1 ? 0 : 2); // IHDR colour type: 0 grey, 2 RGB
          expect((await sharp(png).metadata()).channels).toBe(c);
          const { data } = await sharp(png)
            .toColourspace(c === 1 ? 'b-w' : 'srgb')
            .raw()
            .toBuffer({ resolveWithObject: true });
          expect(Buffer.compare(data, Buffer.from(source.data))).toBe(0);
        },
      ),
      { numRuns: 25 },
    );
  });
});

/** The concatenated IDAT data of a PNG. */
function idatOf(png: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') parts.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  return Buffer.concat(parts);
}

describe('encodePng bytes', () => {
  it('Up-filters every row after the first, and another zlib build (Debian Python) deflates them to the same bytes', async () => {
    // A windowed-CT-like slice (flat air, a body with noise) and an RGB gradient.
    const w = 97;
    const h = 61;
    const grey = new Uint8Array(w * h).map((_, i) => {
      const x = i % w;
      const y = Math.floor(i / w);
      return (x - 48) ** 2 + (y - 30) ** 2 < 900 ? 90 + ((i * 2654435761) >>> 28) : 0;
    });
    const rgb = new Uint8Array(w * h * 3).map((_, i) => (i * 7 + Math.floor(i / (w * 3)) * 3) % 256);
    for (const image of [
      { width: w, height: h, channels: 1 as const, data: grey, resolved: {} },
      { width: w, height: h, channels: 3 as const, data: rgb, resolved: {} },
    ]) {
      const idat = idatOf(await encodePng(image));
      const scanlines = inflateSync(idat);
      const stride = w * image.channels;
      for (let y = 0; y < h; y++) {
        expect(scanlines[y * (stride + 1)]).toBe(y === 0 ? 0 : 2);
        for (let x = 0; x < stride; x++) {
          const above = y === 0 ? 0 : image.data[(y - 1) * stride + x]!;
          expect(scanlines[y * (stride + 1) + 1 + x]).toBe((image.data[y * stride + x]! - above) & 255);
        }
      }
      const python = execFileSync(
        '/usr/bin/python3',
        [
          '-c',
          'import sys, zlib; c = zlib.compressobj(6, zlib.DEFLATED, 15, 8, zlib.Z_RLE); ' +
            'sys.stdout.buffer.write(c.compress(sys.stdin.buffer.read()) + c.flush())',
        ],
        { input: scanlines },
      );
      expect(Buffer.compare(python, idat)).toBe(0);
    }
  });
});

describe('pixelsSha256', () => {
  it('depends on the shape as well as the bytes', () => {
    const a = image(4, 6, 1);
    const b = { ...a, width: 6, height: 4 };
    expect(pixelsSha256(a)).not.toBe(pixelsSha256(b));
    expect(pixelsSha256(a)).toBe(pixelsSha256(image(4, 6, 1)));
    expect(pixelsSha256(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses an image whose data does not match its size', () => {
    expect(() => pixelsSha256({ ...image(4, 4, 1), width: 5 })).toThrow(/expected 5×4×1/);
  });
});
