/**
 * Bad photographs and whole-slide TIFFs made with sharp and then damaged: cut files, flipped header
 * bytes, TIFF directories pointing past the end, absurd declared sizes, and files that are not
 * images. The photographs carry PHI-looking EXIF text (as scanner exports sometimes do).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { type FormatCase, flipped, patched } from './format-case.js';

const EXIF = { IFD0: { ImageDescription: 'Doe^Jane MRN-123456', Artist: 'St. Example Hospital' } };

/** Writes the image and slide corpus into `dir`. */
export async function imageCorpus(dir: string): Promise<FormatCase[]> {
  const cases: FormatCase[] = [];
  const add = (name: string, bytes: Uint8Array, recipe: FormatCase['recipe'], mustFail: boolean) => {
    const file = path.join(dir, name);
    writeFileSync(file, bytes);
    cases.push({ name, file, recipe, mustFail });
  };
  const rgb = Buffer.from(Uint8Array.from({ length: 96 * 64 * 3 }, (_, i) => (i * 7) % 256));
  const source = () => sharp(rgb, { raw: { width: 96, height: 64, channels: 3 } }).withExif(EXIF);
  const jpeg = new Uint8Array(await source().jpeg().toBuffer());
  const png = new Uint8Array(await source().png().toBuffer());
  const tiff = new Uint8Array(
    await sharp(Buffer.alloc(600 * 400 * 3, 90), { raw: { width: 600, height: 400, channels: 3 } })
      .tiff({ tile: true, tileWidth: 256, tileHeight: 256, pyramid: true, compression: 'jpeg' })
      .toBuffer(),
  );
  const image = { kind: 'image' } as const;
  const slide = { kind: 'wsi', thumbnail: 64, level: 0 } as const;
  for (const [ext, bytes, recipe] of [
    ['jpg', jpeg, image],
    ['png', png, image],
    ['tif', tiff, slide],
  ] as const) {
    for (const fraction of [0, 0.02, 0.3, 0.7, 0.98]) {
      add(
        `truncated-${fraction}-${ext}.${ext}`,
        bytes.subarray(0, Math.floor(bytes.length * fraction)),
        recipe,
        fraction < 0.3,
      );
    }
    for (let at = 1; at < 64; at += 9) add(`flipped-${at}-${ext}.${ext}`, flipped(bytes, at), recipe, false);
  }
  // PNG IHDR width and height (big endian, at 16 and 20) claiming 2^31 − 1 pixels a side.
  add(
    'absurd-size.png',
    patched(png, (v) => {
      v.setUint32(16, 0x7fffffff, false);
      v.setUint32(20, 0x7fffffff, false);
    }),
    image,
    true,
  );
  // TIFF: first IFD offset (at 4, little endian) past the end, and zero.
  add(
    'ifd-past-end.tif',
    patched(tiff, (v) => v.setUint32(4, 0x7ffffff0, true)),
    slide,
    true,
  );
  add(
    'ifd-zero.tif',
    patched(tiff, (v) => v.setUint32(4, 0, true)),
    slide,
    true,
  );
  add(
    'ifd-self-loop.tif',
    patched(tiff, (v) => v.setUint32(4, 4, true)),
    slide,
    true,
  );
  add(
    'region-past-edge.tif',
    tiff,
    { kind: 'wsi', region: { x: 10_000, y: 10_000, width: 100, height: 100 }, level: 0 },
    true,
  );
  add('level-absent.tif', tiff, { kind: 'wsi', thumbnail: 64, level: 40 }, false);
  add('text.jpg', new TextEncoder().encode('Doe^Jane MRN-123456\n'.repeat(10)), image, true);
  add('empty.tif', new Uint8Array(0), slide, true);
  return cases;
}
