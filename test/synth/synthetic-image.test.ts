import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { adler32 } from '../../actions/lib/synth/checksums.js';
import {
  checkSyntheticSpec,
  describeSyntheticGenerators,
  renderSyntheticImage,
  syntheticGeneratorNames,
} from '../../actions/lib/synth/synthetic-image.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * Pinned bytes: these hashes were produced on Node 20 / x86-64. A change means every committed
 * synthetic image would change too (and the guard would flag them): only update with the images.
 */
const GOLDEN: Record<string, string> = {
  xray: '344b6e297c1fe394e06ff6e0a13da9f80a52bc936745b6529746e2342ff6cd37',
  ct: 'ddabe0f699bb9e6be6ee5d05ab52ccb304806dde23b535c5c2127d626f58c91c',
  mri: '492452a1f43dfbc2f58ff6d6ca6eb4f76e44a7fb53370c4014b32e05099666d9',
  ultrasound: '345b44e1d6f56ef06b5b0c2731be2a3a1e046eeb121b3151c7e0b29e68e65eb7',
  echo: '7b206cc8bcfbd28410411116c454b1213df7d9206b715b5b2f750b08649274a6',
  pathology: 'd14e74d021673162da20227a2c64b30c09e19e1196335631673c310e849fef88',
};

describe('the generators use only exactly specified arithmetic', () => {
  it('no Math function ECMAScript leaves implementation-approximated, no ** operator', async () => {
    const dir = path.join(import.meta.dirname, '../../actions/lib/synth');
    const files = ['raster.ts', 'prng.ts', 'stored-png.ts', 'synthetic-image.ts', 'checksums.ts'].map((f) =>
      path.join(dir, f),
    );
    for (const f of await readdir(path.join(dir, 'generators'))) files.push(path.join(dir, 'generators', f));
    for (const file of files) {
      const code = (await readFile(file, 'utf8')).replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
      // sin, exp, pow, cbrt, … may differ in the last bit between engines; sqrt and rounding may not.
      expect(code, file).not.toMatch(
        /Math\.(sin|cos|tan|asin|acos|atan2?|sinh|cosh|tanh|exp|expm1|log|log1p|log2|log10|pow|cbrt|hypot|random)\b/,
      );
      expect(code, file).not.toMatch(/\*\*/);
    }
  });
});

describe('adler32', () => {
  it('matches the published check value', () => {
    expect(adler32(Buffer.from('Wikipedia'))).toBe(0x11e60398);
    expect(adler32(new Uint8Array(100_000).fill(255))).toBe(adler32(new Uint8Array(100_000).fill(255)));
  });
});

describe('renderSyntheticImage', () => {
  it('lists six generators, each with a description and parameters', () => {
    expect(syntheticGeneratorNames()).toEqual(['xray', 'ct', 'mri', 'ultrasound', 'echo', 'pathology']);
    for (const g of describeSyntheticGenerators()) expect(Object.keys(g.parameters)).toContain('size');
  });

  it.each(syntheticGeneratorNames())('%s: same bytes on every run, pinned across machines', (generator) => {
    const a = renderSyntheticImage({ generator, seed: 7, parameters: {} });
    const b = renderSyntheticImage({ generator, seed: 7, parameters: {} });
    expect(a.equals(b)).toBe(true);
    expect(sha256(a)).toBe(GOLDEN[generator]);
    expect(renderSyntheticImage({ generator, seed: 8, parameters: {} }).equals(a)).toBe(false);
  });

  it.each(syntheticGeneratorNames())(
    '%s: a valid PNG that an independent decoder reads',
    async (generator) => {
      const png = renderSyntheticImage({ generator, seed: 3, parameters: { size: 96 } });
      const meta = await sharp(png).metadata();
      expect([meta.width, meta.height]).toEqual([96, 96]);
      expect(meta.channels).toBe(generator === 'pathology' ? 3 : 1);
      const data = await sharp(png).raw().toBuffer();
      // Not a blank image: the generator drew something.
      expect(new Set(data).size).toBeGreaterThan(20);
    },
  );

  it('writes stored deflate blocks that zlib inflates with a valid Adler-32', () => {
    const png = renderSyntheticImage({ generator: 'pathology', seed: 1, parameters: { size: 256 } });
    const idatAt = png.indexOf('IDAT');
    const length = png.readUInt32BE(idatAt - 4);
    const raw = inflateSync(png.subarray(idatAt + 4, idatAt + 4 + length));
    expect(raw.length).toBe((256 * 3 + 1) * 256); // > 65535: several stored blocks
  });

  it('refuses unknown generators, parameters and bad values with a message naming them', () => {
    expect(checkSyntheticSpec({ generator: 'pet', seed: 1, parameters: {} })[0]).toMatch(
      /unknown generator "pet"/,
    );
    expect(checkSyntheticSpec({ generator: 'ct', seed: 1, parameters: { colour: 'red' } })[0]).toMatch(
      /no parameter "colour"/,
    );
    expect(checkSyntheticSpec({ generator: 'ct', seed: 1, parameters: { region: 'knee' } })[0]).toMatch(
      /one of head, chest/,
    );
    expect(checkSyntheticSpec({ generator: 'ct', seed: 1, parameters: { size: 4 } })[0]).toMatch(
      /from 32 to 512/,
    );
    expect(checkSyntheticSpec({ generator: 'ct', seed: -1, parameters: {} })[0]).toMatch(/seed/);
    expect(() => renderSyntheticImage({ generator: 'ct', seed: 1, parameters: { lesion: 'yes' } })).toThrow(
      /must be a boolean/,
    );
  });
});
