import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../actions/lib/errors.js';
import { greyIfNeutral } from '../../actions/lib/render/grey-if-neutral.js';
import { renderPlainJpeg } from '../../actions/lib/render/image/plain-jpeg.js';
import { renderImage } from '../../actions/lib/render/image/render-image.js';
import { rawEightBit } from '../../actions/lib/render/sharp-raw.js';

const dir = mkdtempSync(join(tmpdir(), 'plain-jpeg-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What libvips alone makes of the file (the path every image took before the plain-JPEG decoder). */
async function throughLibvips(file: string): Promise<{ channels: number; data: number[] } | 'error'> {
  try {
    const raw = await rawEightBit(sharp(file, { failOn: 'error' }).rotate());
    const { channels, data } = raw.channels === 1 ? raw : greyIfNeutral(raw.width, raw.height, raw.data);
    return { channels, data: Array.from(data) };
  } catch {
    return 'error';
  }
}

async function throughRenderImage(file: string): Promise<{ channels: number; data: number[] } | 'error'> {
  try {
    const image = await renderImage(file, {});
    return { channels: image.channels, data: Array.from(image.data) };
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return 'error';
  }
}

/** A scene with edges, gradients and noise, so every DCT coefficient band is in use. */
function scene(width: number, height: number, channels: number, seed: number): Buffer {
  const out = Buffer.alloc(width * height * channels);
  let s = seed;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      for (let c = 0; c < channels; c++) {
        s = (s * 1103515245 + 12345) & 0x7fffffff;
        const base = ((x * (c + 1) * 7 + y * 3) % 256) ^ (x > width / 2 ? 0x40 : 0);
        out[(y * width + x) * channels + c] = (base + (s % 24)) & 0xff;
      }
  return out;
}

const write = async (name: string, image: Sharp) => {
  const file = join(dir, name);
  await image.toFile(file);
  return file;
};
const raw = (w: number, h: number, c: 1 | 3, seed = 1) =>
  sharp(scene(w, h, c, seed), { raw: { width: w, height: h, channels: c } });

describe('plain JPEGs decoded without libvips', () => {
  it('give exactly the pixels libvips gives, grey or colour, any size, subsampling, quality or restart markers', async () => {
    const plain = [
      await write('grey.jpg', raw(320, 390, 1).toColourspace('b-w').jpeg({ quality: 90 })),
      await write('grey-odd.jpg', raw(17, 9, 1).toColourspace('b-w').jpeg({ quality: 50 })),
      // sharp writes a grey source as three neutral YCbCr components unless told otherwise.
      await write('grey-as-ycbcr.jpg', raw(320, 390, 1).jpeg({ quality: 90 })),
      await write('colour-420.jpg', raw(123, 77, 3).jpeg({ quality: 75 })),
      await write('colour-444.jpg', raw(64, 48, 3, 9).jpeg({ quality: 100, chromaSubsampling: '4:4:4' })),
      await write('restarts.JPEG', raw(200, 100, 3, 4).jpeg({ quality: 85, optimiseCoding: false })),
    ];
    for (const file of plain) {
      const decoded = await renderPlainJpeg(file);
      expect(decoded, file).toBeDefined();
      expect({ channels: decoded!.channels, data: Array.from(decoded!.data) }, file).toEqual(
        await throughLibvips(file),
      );
    }
  });

  it('leaves to libvips what it must transform or cannot show the same way', async () => {
    const notPlain = {
      progressive: await write('progressive.jpg', raw(64, 64, 3).jpeg({ progressive: true })),
      exif: await write('rotated.jpg', raw(12, 8, 1).jpeg().withMetadata({ orientation: 6 })),
      icc: await write('icc.jpg', raw(32, 32, 3).jpeg().withIccProfile('p3')),
      cmyk: await write('cmyk.jpg', raw(32, 32, 3).toColourspace('cmyk').jpeg()),
      png: await write('named.png', raw(32, 32, 3).png()),
    };
    // A JPEG named .bin or a PNG named .jpg: the name only decides where to try first.
    const misnamed = join(dir, 'png-named.jpg');
    writeFileSync(misnamed, readFileSync(notPlain.png));
    for (const file of [...Object.values(notPlain), misnamed]) {
      expect(await renderPlainJpeg(file), file).toBeUndefined();
      expect(await throughRenderImage(file), file).toEqual(await throughLibvips(file));
    }
  });

  it('never accepts a damaged stream that libvips refuses, and agrees with it on every damaged header', async () => {
    const sources = [
      readFileSync(
        await write('fuzz-grey.jpg', raw(96, 80, 1, 5).toColourspace('b-w').jpeg({ quality: 90 })),
      ),
      readFileSync(await write('fuzz-colour.jpg', raw(96, 80, 3, 6).jpeg({ quality: 80 }))),
    ];
    let seed = 20261206;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const outcomes = { bothRefuse: 0, bothAccept: 0, differentGarbage: 0 };
    for (let k = 0; k < 240; k++) {
      const source = sources[k % 2]!;
      let bytes = Buffer.from(source);
      if (k % 3 === 0) for (let j = 0; j <= rand(4); j++) bytes[rand(bytes.length)]! ^= 1 << rand(8);
      else if (k % 3 === 1) bytes = bytes.subarray(0, rand(bytes.length));
      else {
        const at = rand(bytes.length);
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1 + rand(20))]);
      }
      const file = join(dir, `damaged-${k}.jpg`);
      writeFileSync(file, bytes);
      const ours = await throughRenderImage(file);
      const theirs = await throughLibvips(file);
      const name = `damaged-${k}.jpg`;
      if (ours === 'error' || theirs === 'error') {
        expect(ours, name).toBe(theirs);
        outcomes.bothRefuse++;
        continue;
      }
      outcomes.bothAccept++;
      expect([ours.channels, ours.data.length], name).toEqual([theirs.channels, theirs.data.length]);
      if (ours.data.every((v, i) => v === theirs.data[i])) continue;
      // Damage inside the entropy-coded data that still decodes to valid codes is garbage either
      // way, and libjpeg-turbo's builds (libvips' SIMD one, the WebAssembly one) disagree on such
      // garbage. Anywhere before the scan, the two must agree.
      let firstChange = 0;
      while (bytes[firstChange] === source[firstChange]) firstChange++;
      expect(firstChange, name).toBeGreaterThan(scanStart(source));
      outcomes.differentGarbage++;
    }
    // Both kinds of outcome occur, so the comparisons above are not vacuous.
    expect(outcomes.bothRefuse).toBeGreaterThan(20);
    expect(outcomes.bothAccept - outcomes.differentGarbage).toBeGreaterThan(20);
  });
});

/** Offset of the first byte of entropy-coded data: just past the SOS segment. */
function scanStart(bytes: Uint8Array): number {
  let at = 2;
  while (at + 4 <= bytes.length) {
    const marker = bytes[at + 1]!;
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    if (marker === 0xda) return at + 2 + length;
    at += 2 + length;
  }
  throw new Error('no SOS');
}
