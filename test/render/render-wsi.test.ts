import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../actions/lib/errors.js';
import { pyramidLevels } from '../../actions/lib/render/wsi/pyramid-levels.js';
import { renderWsi } from '../../actions/lib/render/wsi/render-wsi.js';
import { readTiffDirectories, type TiffDirectory } from '../../actions/lib/render/wsi/tiff-directories.js';

const dir = mkdtempSync(join(tmpdir(), 'render-wsi-'));
const slide = join(dir, 'slide.tif');
const W = 2048;
const H = 1536;
/** A pattern whose every pixel says where it is: R = x mod 256, G = y mod 256, B = (x + y) mod 256. */
const pixel = (x: number, y: number) => [x % 256, y % 256, (x + y) % 256];

beforeAll(async () => {
  const rgb = Buffer.alloc(W * H * 3);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) rgb.set(pixel(x, y), (y * W + x) * 3);
  await sharp(rgb, { raw: { width: W, height: H, channels: 3 } })
    .tiff({ tile: true, tileWidth: 256, tileHeight: 256, pyramid: true, compression: 'deflate' })
    .toFile(slide);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pyramidLevels on an Aperio SVS layout', () => {
  it('keeps the tiled levels and leaves out the thumbnail, label and macro', () => {
    const base = { compression: 7, reduced: false, description: '' };
    const svs: TiffDirectory[] = [
      {
        ...base,
        page: 0,
        width: 46000,
        height: 32914,
        tiled: true,
        description: 'aperio image library v12\r\n46000x32914 |appmag = 20',
      },
      { ...base, page: 1, width: 1024, height: 732, tiled: false },
      { ...base, page: 2, width: 11500, height: 8228, tiled: true },
      { ...base, page: 3, width: 2875, height: 2057, tiled: true },
      {
        ...base,
        page: 4,
        width: 415,
        height: 422,
        tiled: true,
        description: 'aperio image library v12\r\nlabel 415x422',
      },
      {
        ...base,
        page: 5,
        width: 1280,
        height: 431,
        tiled: false,
        description: 'aperio image library v12\r\nmacro 1280x431',
      },
    ];
    expect(pyramidLevels(svs).map((d) => d.page)).toEqual([0, 2, 3]);
  });
});

describe('renderWsi on a tiled pyramidal TIFF written by sharp', () => {
  it('lists the pyramid from the TIFF directories', async () => {
    const directories = await readTiffDirectories(slide);
    expect(directories.map((d) => [d.width, d.height, d.tiled])).toEqual([
      [2048, 1536, true],
      [1024, 768, true],
      [512, 384, true],
      [256, 192, true],
    ]);
  });

  it('reads an exact region of level 0, across tile borders', async () => {
    const region = { x: 250, y: 500, width: 12, height: 6 };
    const image = await renderWsi(slide, { region, level: 0 });
    expect([image.width, image.height, image.channels]).toEqual([12, 6, 3]);
    for (const [dx, dy] of [
      [0, 0],
      [5, 3],
      [11, 5],
    ] as const) {
      const at = (dy * 12 + dx) * 3;
      expect(Array.from(image.data.slice(at, at + 3))).toEqual(pixel(region.x + dx, region.y + dy));
    }
    expect(image.resolved).toMatchObject({ level: 0, level_width: W, levels: 4 });
  });

  it('reads a region in the coordinates of a lower level', async () => {
    const image = await renderWsi(slide, { region: { x: 0, y: 0, width: 1024, height: 768 }, level: 1 });
    expect([image.width, image.height]).toEqual([1024, 768]);
    expect(image.resolved.level_width).toBe(1024);
  });

  it('makes a thumbnail from the smallest level still large enough', async () => {
    const image = await renderWsi(slide, { thumbnail: 400 });
    expect([image.width, image.height]).toEqual([400, 300]);
    expect(image.resolved).toMatchObject({ level: 2, thumbnail: 400 });
  });

  it('refuses regions outside the level and levels that do not exist', async () => {
    await expect(
      renderWsi(slide, { region: { x: 1000, y: 0, width: 100, height: 10 }, level: 1 }),
    ).rejects.toMatchObject({
      code: 'wsi/region-out-of-bounds',
    });
    await expect(
      renderWsi(slide, { region: { x: 0, y: 0, width: 1, height: 1 }, level: 4 }),
    ).rejects.toMatchObject({
      code: 'wsi/no-such-level',
    });
  });

  it('refuses Aperio JPEG 2000 (compression 33005) with a clear error, before decoding', async () => {
    // Patch every directory's Compression tag (259) to 33005, as in an Aperio SVS.
    const bytes = readFileSync(slide);
    const directories = await readTiffDirectories(slide);
    let offset = bytes.readUInt32LE(4);
    for (let i = 0; i < directories.length; i++) {
      const count = bytes.readUInt16LE(offset);
      for (let e = 0; e < count; e++) {
        const entry = offset + 2 + e * 12;
        if (bytes.readUInt16LE(entry) === 259) bytes.writeUInt16LE(33005, entry + 8);
      }
      offset = bytes.readUInt32LE(offset + 2 + count * 12);
    }
    const svs = join(dir, 'aperio.svs');
    writeFileSync(svs, bytes);
    const error = await renderWsi(svs, { thumbnail: 256 }).catch((e) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.code).toBe('wsi/unsupported-compression');
    expect(error.message).toContain('aperio.svs');
    expect(error.message).toContain('33005 (Aperio JPEG 2000 (RGB))');
  });

  it('names a file that is not a TIFF', async () => {
    const path = join(dir, 'not.svs');
    writeFileSync(path, 'not a slide at all');
    await expect(renderWsi(path, { thumbnail: 64 })).rejects.toMatchObject({ code: 'wsi/bad-tiff' });
  });
});
