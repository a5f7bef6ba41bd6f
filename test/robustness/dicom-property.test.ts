/**
 * Property: whatever seeded damage a valid DICOM takes, parsing and rendering end in an image or an
 * InputError with a 'dicom/…' code, a message naming the file and no PHI; each input within a time
 * bound; and memory stays bounded over hundreds of inputs. Seeded and bounded, so `npm test` is
 * reproducible; `npm run fuzz` runs the same mutations ten thousand times.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDicomBytes } from '../../actions/lib/dicom/read-dicom.js';
import { renderDicom } from '../../actions/lib/dicom/render-dicom.js';
import { InputError } from '../../actions/lib/errors.js';
import { mutateBytes, prng } from './corpus/mutate.js';
import { pydicomSeeds } from './corpus/pydicom-seeds.js';
import { writerSeeds } from './corpus/writer-seeds.js';
import { expectCleanFailure } from './expect-clean-failure.js';
import { errorText, phiIn } from './phi.js';

const SEED = 20261127;
/** RSS may grow with caches and codec heaps; a leak per input would pass this quickly. */
const RSS_GROWTH_BOUND = 300 * 1024 * 1024;

const dir = mkdtempSync(path.join(tmpdir(), 'cm-dicom-property-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// The small real files only: big JPEG 2000 frames take 0.4 s to decode whole, too slow for npm test.
const seeds = [...writerSeeds(), ...pydicomSeeds().filter((s) => s.bytes.length <= 8192)];
let counter = 0;

describe('DICOM under seeded mutation (property)', () => {
  it('parseDicomBytes throws only InputError, never with PHI', () => {
    fc.assert(
      fc.property(fc.nat(seeds.length - 1), fc.integer(), (which, mutation) => {
        const bytes = mutateBytes(seeds[which]!.bytes, prng(mutation), 6);
        try {
          parseDicomBytes('mutated.dcm', bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          expect((error as InputError).code).toMatch(/^dicom\/[a-z-]+$/);
          expect(phiIn(errorText(error))).toEqual([]);
        }
      }),
      { numRuns: 1500, seed: SEED },
    );
  });

  it('renderDicom ends in an image or a clean InputError, in bounded time and memory', async () => {
    const rssBefore = process.memoryUsage().rss;
    let images = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat(seeds.length - 1), fc.integer(), async (which, mutation) => {
        const file = path.join(dir, `m-${counter++}.dcm`);
        writeFileSync(file, mutateBytes(seeds[which]!.bytes, prng(mutation)));
        // No clock here: a hang ends at the test's timeout, and per-case time belongs to `npm run fuzz`.
        const outcome = await renderDicom(file).then(
          (image) => ({ image }),
          (error: unknown) => ({ error }),
        );
        if ('image' in outcome) {
          images++;
          expect(outcome.image.data.length).toBe(
            outcome.image.width * outcome.image.height * outcome.image.channels,
          );
        } else
          expectCleanFailure(outcome.error, file, /^dicom\/[a-z-]+$/, `${seeds[which]!.name} / ${mutation}`);
        rmSync(file);
      }),
      { numRuns: 1000, seed: SEED },
    );
    expect(images).toBeGreaterThan(0); // some damage is harmless: the property saw both outcomes
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(RSS_GROWTH_BOUND);
  }, 60_000);
});
