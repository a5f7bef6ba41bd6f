/**
 * The bad-DICOM corpus (test/robustness/corpus/dicom-corpus.ts) against renderDicom: every case ends
 * in an image or an InputError with a 'dicom/…' code, a message naming the file and no PHI, within
 * a time bound; cases broken beyond use must end in the error.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderDicom } from '../../actions/lib/dicom/render-dicom.js';
import {
  cutStreamCases,
  type DicomCase,
  deflateBombCase,
  flippedHeaderCases,
  lengthCases,
  manyElementsCase,
  notPart10Cases,
  paletteCases,
  pixelDataSizeCases,
  pixelModuleCases,
  transferSyntaxCases,
  truncatedCases,
} from './corpus/dicom-corpus.js';
import { pydicomSeeds } from './corpus/pydicom-seeds.js';
import { type SeedFile, writerSeeds } from './corpus/writer-seeds.js';
import { expectCleanFailure } from './expect-clean-failure.js';
import { FIXED_BUGS, knownBug } from './known-bugs.js';

const dir = mkdtempSync(path.join(tmpdir(), 'cm-dicom-corpus-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const seeds: SeedFile[] = [...writerSeeds(), ...pydicomSeeds()];
let counter = 0;

/** Renders one case and checks the contract; returns what happened, for the counts. */
async function check(c: DicomCase): Promise<'image' | 'error'> {
  const file = path.join(dir, `${counter++}-${c.name.slice(0, 80)}.dcm`);
  writeFileSync(file, c.bytes);
  const outcome = await renderDicom(file, c.options).then(
    (image) => ({ image }),
    (error: unknown) => ({ error }),
  );
  if ('image' in outcome) {
    expect(c.mustFail, `${c.name} rendered, but it must fail`).toBe(false);
    const { image } = outcome;
    expect(image.data.length, c.name).toBe(image.width * image.height * image.channels);
    return 'image';
  }
  expectCleanFailure(outcome.error, file, /^dicom\/[a-z-]+$/, c.name);
  return 'error';
}

async function checkAll(cases: DicomCase[]): Promise<void> {
  const counts = { image: 0, error: 0 };
  for (const c of cases) {
    if (knownBug(c.name)) continue;
    counts[await check(c)]++;
  }
  expect(counts.image + counts.error).toBeGreaterThan(0);
}

describe('bad DICOM corpus', () => {
  it('has real seeds of every transfer syntax family', () => {
    expect(seeds.length).toBeGreaterThanOrEqual(20);
    for (const name of [
      'JPEG2000',
      'MR_small_jpeg_ls_lossless',
      'lossless-sv1-CT_small',
      'JPEG-lossy',
      'ct-rle',
    ])
      expect(seeds.map((s) => s.name)).toContain(name);
  });

  it('truncated at every element boundary', async () => {
    const cases = truncatedCases(seeds);
    expect(cases.length).toBeGreaterThan(1500);
    await checkAll(cases);
  }, 120_000);

  it('flipped header bytes', () => checkAll(flippedHeaderCases(seeds)), 60_000);
  it('lengths past the end, huge and odd', () => checkAll(lengthCases(seeds)), 60_000);
  it('absurd Rows/Columns, BitsStored above BitsAllocated, bad samples and frames', () =>
    checkAll(pixelModuleCases(seeds)));
  it('PixelData not matching frames × frame size', () => checkAll(pixelDataSizeCases()));
  it(
    'JPEG, JPEG Lossless, JPEG-LS, JPEG 2000 and RLE streams cut short',
    () => checkAll(cutStreamCases(seeds)),
    60_000,
  );
  it('unknown and undecodable transfer syntaxes', () => checkAll(transferSyntaxCases()));
  it('PALETTE COLOR without its tables', () => checkAll(paletteCases()));
  it('no DICM preamble, empty, text', () => checkAll(notPart10Cases(seeds)));

  it('a deflate bomb stops at the inflate limit', async () => {
    const bomb = deflateBombCase(96 * 1024 * 1024, { limits: { maxInflatedBytes: 64 * 1024 * 1024 } });
    expect(bomb.bytes.length).toBeLessThan(200_000);
    const before = process.memoryUsage().rss;
    await check(bomb);
    expect(process.memoryUsage().rss - before).toBeLessThan(512 * 1024 * 1024);
  });
});

describe('regressions: bugs the corpus found, now fixed', () => {
  for (const bug of FIXED_BUGS) {
    // Each failed before its fix (see test/robustness/known-bugs.ts); kept as a regression test.
    it(`${bug.id}: ${bug.symptom} (${bug.file})`, async () => {
      const all = [
        manyElementsCase(3_000_000),
        ...truncatedCases(seeds),
        ...lengthCases(seeds),
        ...pixelModuleCases(seeds),
        ...cutStreamCases(seeds),
      ].filter((c) => bug.cases.test(c.name));
      expect(all.length).toBeGreaterThan(0);
      for (const c of all) await check(c);
    }, 120_000);
  }
});
