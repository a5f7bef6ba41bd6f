/**
 * Every file of pydicom's test-file folder (and its charset and palette folders): when pydicom can decode it, our render matches the
 * independent numpy reference within ±1 grey level (±2 for colour), with the file's own VOI and
 * with an explicit window; otherwise our render ends in an InputError with a 'dicom/' code.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDicom } from '../../actions/lib/dicom/render-dicom.js';
import { InputError } from '../../actions/lib/errors.js';
import { maxDifference, PYDICOM_DATA, type ReferenceResult, renderReference } from './pydicom-reference.js';

/** Every file under the folders, subfolders included (dicomdirtests holds a whole DICOMDIR tree). */
const files = ['test_files', 'charset_files', 'palettes'].flatMap((folder) =>
  (readdirSync(join(PYDICOM_DATA, folder), { recursive: true }) as string[])
    .map((name) => join(folder, name))
    .filter((name) => statSync(join(PYDICOM_DATA, name)).isFile())
    .sort(),
);
const work = mkdtempSync(join(tmpdir(), 'dicom-reference-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let ownVoi: ReferenceResult[] = [];
let explicit: ReferenceResult[] = [];
const windows: ({ center: number; width: number } | undefined)[] = [];

beforeAll(async () => {
  ownVoi = await renderReference(
    files.map((name, i) => ({ file: join(PYDICOM_DATA, name), out: join(work, `${i}-own.raw`) })),
  );
  // An explicit window over the middle half of each grey file's modality range.
  files.forEach((_, i) => {
    const r = ownVoi[i]!;
    if (r.ok && r.modality_min !== undefined && r.modality_max !== undefined) {
      const span = r.modality_max - r.modality_min;
      windows[i] = { center: r.modality_min + span / 2, width: Math.max(1, span / 2) };
    }
  });
  explicit = await renderReference(
    files.map((name, i) => ({
      file: join(PYDICOM_DATA, name),
      out: join(work, `${i}-explicit.raw`),
      window: windows[i] ?? null,
    })),
  );
}, 120_000);

describe('pydicom test files', () => {
  it.each(files.map((name, i) => [name, i] as const))('%s', async (name, i) => {
    const file = join(PYDICOM_DATA, name);
    const reference = ownVoi[i]!;
    if (!reference.ok) {
      const error = await renderDicom(file).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, `pydicom cannot decode ${name}, so we must refuse it`).toBeInstanceOf(InputError);
      expect((error as InputError).code).toMatch(/^dicom\//);
      return;
    }
    const ours = await renderDicom(file);
    const tolerance = reference.channels === 3 ? 2 : 1;
    expect([ours.width, ours.height, ours.channels]).toEqual([
      reference.width,
      reference.height,
      reference.channels,
    ]);
    expect(maxDifference(ours.data, reference.pixels), 'own VOI').toBeLessThanOrEqual(tolerance);

    const window = windows[i];
    const second = explicit[i]!;
    if (!second.ok) throw new Error('reference failed on the second pass');
    const windowed = await renderDicom(file, { window });
    expect(maxDifference(windowed.data, second.pixels), 'explicit window').toBeLessThanOrEqual(tolerance);
  });
});
