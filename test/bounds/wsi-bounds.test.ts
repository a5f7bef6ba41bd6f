import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../actions/lib/errors.js';
import { MAX_WSI_DECODE_PIXELS, renderWsi } from '../../actions/lib/render/wsi/render-wsi.js';

/**
 * A little-endian tiled TIFF declaring one `side`×`side` RGB level of 256² uncompressed tiles, every
 * tile pointing at the same 196,608 bytes: under a megabyte on disk, billions of pixels declared.
 */
function repeatedTileTiff(side: number): Buffer {
  const tile = 256;
  const tiles = Math.ceil(side / tile) ** 2;
  const tileBytes = tile * tile * 3;
  const entries: [number, number, number, number][] = []; // tag, type, count, value
  const ifdAt = 8;
  const count = 11;
  const ifdSize = 2 + count * 12 + 4;
  const bitsAt = ifdAt + ifdSize;
  const offsetsAt = bitsAt + 8;
  const countsAt = offsetsAt + tiles * 4;
  const dataAt = countsAt + tiles * 4;
  entries.push([256, 4, 1, side], [257, 4, 1, side], [258, 3, 3, bitsAt], [259, 3, 1, 1], [262, 3, 1, 2]);
  entries.push([277, 3, 1, 3], [284, 3, 1, 1], [322, 3, 1, tile], [323, 3, 1, tile]);
  entries.push([324, 4, tiles, offsetsAt], [325, 4, tiles, countsAt]);
  const b = Buffer.alloc(dataAt + tileBytes, 0x80);
  b.write('II', 0, 'latin1');
  b.writeUInt16LE(42, 2);
  b.writeUInt32LE(ifdAt, 4);
  b.writeUInt16LE(count, ifdAt);
  entries.forEach(([tag, type, n, value], i) => {
    const at = ifdAt + 2 + i * 12;
    b.writeUInt16LE(tag, at);
    b.writeUInt16LE(type, at + 2);
    b.writeUInt32LE(n, at + 4);
    if (type === 3 && n === 1) b.writeUInt16LE(value, at + 8);
    else b.writeUInt32LE(value, at + 8);
  });
  b.writeUInt32LE(0, ifdAt + 2 + count * 12);
  for (let i = 0; i < 3; i++) b.writeUInt16LE(8, bitsAt + 2 * i);
  for (let i = 0; i < tiles; i++) {
    b.writeUInt32LE(dataAt, offsetsAt + 4 * i);
    b.writeUInt32LE(tileBytes, countsAt + 4 * i);
  }
  return b;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cm-bounds-wsi-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('a whole-slide TIFF declaring far more pixels than it holds', () => {
  it('is refused for a thumbnail before its level is decoded; a region of it still renders', async () => {
    const file = path.join(dir, 'repeated.tif');
    const tiff = repeatedTileTiff(60_000);
    expect(tiff.length).toBeLessThan(1_000_000);
    await writeFile(file, tiff);
    const error = await renderWsi(file, { thumbnail: 512 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).code).toBe('wsi/too-large');
    expect((error as InputError).message).toBe(
      `${file}: the smallest level for a 512-pixel thumbnail is 60000×60000, more than the ${MAX_WSI_DECODE_PIXELS} pixels a thumbnail may decode; ask for a region`,
    );
    const region = await renderWsi(file, { region: { x: 100, y: 100, width: 64, height: 32 } });
    expect([region.width, region.height]).toEqual([64, 32]);
  });

  it('a thumbnail of a level within the bound renders', async () => {
    const file = path.join(dir, 'small.tif');
    await writeFile(file, repeatedTileTiff(1024));
    const image = await renderWsi(file, { thumbnail: 128 });
    expect(Math.max(image.width, image.height)).toBe(128);
  });
});
