import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../actions/lib/errors.js';
import { encodePng } from '../../actions/lib/render/encode-png.js';
import { renderImage } from '../../actions/lib/render/image/render-image.js';

const dir = mkdtempSync(join(tmpdir(), 'render-image-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('renderImage', () => {
  it('applies the EXIF orientation and drops the metadata', async () => {
    // A 6×4 grey JPEG, white in its top-left corner, stored with orientation 6 (rotate 90° clockwise).
    const grey = Buffer.alloc(24, 0);
    grey[0] = 255;
    const path = join(dir, 'rotated.jpg');
    await sharp(grey, { raw: { width: 6, height: 4, channels: 1 } })
      .jpeg({ quality: 100 })
      .withMetadata({ orientation: 6 })
      .toFile(path);
    expect((await sharp(path).metadata()).orientation).toBe(6);
    const image = await renderImage(path, {});
    expect([image.width, image.height, image.channels]).toEqual([4, 6, 1]);
    // After a clockwise quarter turn the top-left corner is at the top-right.
    expect(image.data[3]!).toBeGreaterThan(200);
    expect(image.data[0]!).toBeLessThan(50);
    const png = await encodePng(image);
    const meta = await sharp(png).metadata();
    expect(meta.orientation).toBeUndefined();
    expect(meta.exif).toBeUndefined();
  });

  it('turns a 16-bit PNG into 8 bits by scaling, and keeps grey as one channel', async () => {
    const path = join(dir, 'deep.png');
    await sharp(new Uint16Array([0, 257, 32896, 65535]), { raw: { width: 4, height: 1, channels: 1 } })
      .toColourspace('grey16')
      .png()
      .toFile(path);
    const image = await renderImage(path, {});
    expect(image.channels).toBe(1);
    expect(Array.from(image.data)).toEqual([0, 1, 128, 255]);
  });

  it('makes RGB with equal channels grey, keeps colour RGB, flattens alpha', async () => {
    const greyRgb = join(dir, 'grey-rgb.png');
    await sharp(Buffer.from([10, 10, 10, 200, 200, 200]), { raw: { width: 2, height: 1, channels: 3 } })
      .png()
      .toFile(greyRgb);
    expect((await renderImage(greyRgb, {})).channels).toBe(1);
    const rgba = join(dir, 'rgba.png');
    await sharp(Buffer.from([255, 0, 0, 255, 0, 0, 255, 0]), { raw: { width: 2, height: 1, channels: 4 } })
      .png()
      .toFile(rgba);
    const image = await renderImage(rgba, {});
    expect(image.channels).toBe(3);
    expect(Array.from(image.data)).toEqual([255, 0, 0, 0, 0, 0]);
  });

  it('shrinks to max_side and never enlarges', async () => {
    const path = join(dir, 'big.png');
    await sharp({ create: { width: 400, height: 100, channels: 3, background: '#336699' } })
      .png()
      .toFile(path);
    const small = await renderImage(path, { max_side: 200 });
    expect([small.width, small.height]).toEqual([200, 50]);
    const same = await renderImage(path, { max_side: 1000 });
    expect([same.width, same.height]).toEqual([400, 100]);
  });

  it('fails with image/decode-failed for a corrupt JPEG', async () => {
    const path = join(dir, 'broken.jpg');
    const good = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#808080' } })
      .jpeg()
      .toBuffer();
    writeFileSync(path, good.subarray(0, 200));
    const error = await renderImage(path, {}).catch((e) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.code).toBe('image/decode-failed');
    expect(error.message).toContain('broken.jpg');
  });
});
