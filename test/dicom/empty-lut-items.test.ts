/**
 * PS3.3 allows an empty Modality or VOI LUT Sequence item (public viewer test images have them, in
 * run-length and JPEG grey files). Such an item renders as if the sequence were absent: the file's
 * window, else min–max, after the linear rescale, as pydicom's apply_voi_lut does. The files are
 * made by our writer and compressed by GDCM; the reference is pydicom + numpy.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderDicom } from '../../actions/lib/dicom/render-dicom.js';
import { type DicomElement, writeDicom } from '../../actions/lib/synth/dicom/write-dicom.js';
import { maxDifference, REFERENCE_PYTHON, renderReference } from './pydicom-reference.js';
import { imageElements } from './synthetic-dicom.js';

const COMPRESS = join(import.meta.dirname, '..', 'reference', 'dicom_compress.py');
const dir = mkdtempSync(join(tmpdir(), 'dicom-empty-lut-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const size = 40;
const pixels = Uint8Array.from({ length: size * size }, (_, i) =>
  Math.round(40 + 150 * (0.5 + 0.5 * Math.sin((i % size) / 6) * Math.cos(Math.floor(i / size) / 4))),
);
const emptyItems: DicomElement[] = [
  { keyword: 'ModalityLUTSequence', value: [[]] },
  { keyword: 'VOILUTSequence', value: [[]] },
];
const base = imageElements({ rows: size, columns: size, bitsAllocated: 8, modality: 'OT' });
const window: DicomElement[] = [
  { keyword: 'WindowCenter', value: 110 },
  { keyword: 'WindowWidth', value: 120 },
];

/** True when the file still holds a VOI LUT Sequence (tag 0028,3010, little endian). */
function hasVoiSequence(file: string): boolean {
  return readFileSync(file).includes(Buffer.from([0x28, 0x00, 0x10, 0x30]));
}

describe.each([
  ['with a window', window, { window: { center: 110, width: 120 }, function: 'LINEAR' }],
  ['without a window', [], { window: 'min-max' }],
] as const)('empty LUT items %s', (name, extra, resolved) => {
  const slug = name.replace(/ /g, '-');
  const plain = join(dir, `${slug}-plain.dcm`);
  const source = join(dir, `${slug}.dcm`);

  it.each(['RLELossless', 'JPEGBaselineProcess1'])(
    '%s renders as if the sequences were absent, like pydicom',
    async (syntax) => {
      await writeDicom(plain, { elements: [...base, ...extra], pixelData: pixels });
      await writeDicom(source, { elements: [...base, ...extra, ...emptyItems], pixelData: pixels });
      const file = join(dir, `${slug}-${syntax}.dcm`);
      execFileSync(REFERENCE_PYTHON, [COMPRESS, source, file, syntax], { stdio: 'ignore' });
      expect(hasVoiSequence(file), 'GDCM kept the empty items').toBe(true);
      const ours = await renderDicom(file);
      expect(ours.resolved).toMatchObject({ ...resolved, rescale: { slope: 1, intercept: 0 } });
      const [reference] = await renderReference([{ file, out: `${file}.raw` }]);
      expect(reference?.ok, 'the reference decodes it').toBe(true);
      if (!reference?.ok) return;
      expect(maxDifference(ours.data, reference.pixels)).toBeLessThanOrEqual(1);
      if (syntax === 'RLELossless') {
        const absent = await renderDicom(plain);
        expect(Array.from(ours.data)).toEqual(Array.from(absent.data));
      }
    },
  );
});

it('refuses a LUT item with a descriptor but no data, naming the file', async () => {
  const file = join(dir, 'half-lut.dcm');
  await writeDicom(file, {
    elements: [
      ...base,
      { keyword: 'VOILUTSequence', value: [[{ keyword: 'LUTDescriptor', value: [256, 0, 8] }]] },
    ],
    pixelData: pixels,
  });
  await expect(renderDicom(file)).rejects.toThrow(`${file}: lookup table data (0028,3006) is missing`);
});
