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
