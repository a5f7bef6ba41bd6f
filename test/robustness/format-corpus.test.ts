/**
 * Bad videos, HDF5, NIfTI, photographs and whole-slide TIFFs (test/robustness/corpus) against
 * renderSource: an image or an InputError whose code names the format, whose message names the file and holds no PHI, in bounded
 * time; files broken beyond use must end in the error.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderSource } from '../../actions/lib/render/render-source.js';
import type { FormatCase } from './corpus/format-case.js';
import { hdf5Corpus } from './corpus/hdf5-corpus.js';
import { imageCorpus } from './corpus/image-corpus.js';
import { niftiCorpus } from './corpus/nifti-corpus.js';
import { videoCorpus } from './corpus/video-corpus.js';
import { expectCleanFailure } from './expect-clean-failure.js';
import { knownBug } from './known-bugs.js';
import { TIME_BOUND_MS } from './time-bound.js';

const dir = mkdtempSync(path.join(tmpdir(), 'cm-format-corpus-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const KINDS = ['video', 'hdf5', 'nifti', 'image'] as const;
const corpus: Record<(typeof KINDS)[number], FormatCase[]> = { video: [], hdf5: [], nifti: [], image: [] };

beforeAll(async () => {
  const make = { video: videoCorpus, hdf5: hdf5Corpus, nifti: niftiCorpus, image: imageCorpus };
  for (const kind of KINDS) {
    const sub = path.join(dir, kind);
    mkdirSync(sub);
    corpus[kind] = await make[kind](sub);
  }
}, 60_000);

async function check(kind: string, c: FormatCase): Promise<void> {
  const label = `${kind}:${c.name}`;
  const outcome = await renderSource(c.file, c.recipe, { timeoutMs: TIME_BOUND_MS }).then(
    (image) => ({ image }),
    (error: unknown) => ({ error }),
  );
  // A video render may start ffmpeg more than once, each run bounded by timeoutMs.
  if ('image' in outcome) {
    expect(c.mustFail, `${label} rendered, but it must fail`).toBe(false);
    expect(outcome.image.data.length).toBe(
      outcome.image.width * outcome.image.height * outcome.image.channels,
    );
    return;
  }
  // The code names the recipe's kind: video/…, hdf5/…, nifti/…, image/…, wsi/….
  expectCleanFailure(outcome.error, c.file, new RegExp(`^${c.recipe.kind}/[a-z-]+$`), label);
}

describe('bad video, HDF5 and NIfTI corpus', () => {
  for (const kind of KINDS) {
    it(`${kind}: every bad file ends in an image or a clean typed error`, async () => {
      expect(corpus[kind].length).toBeGreaterThan(10);
      for (const c of corpus[kind]) if (!knownBug(`${kind}:${c.name}`)) await check(kind, c);
    }, 120_000);
  }
});
