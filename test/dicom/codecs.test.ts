/**
 * Our codecs on files compressed by an independent encoder (GDCM, from Debian's python3-gdcm):
 * lossless syntaxes must give exactly the render of the uncompressed source, and every syntax must
 * match the pydicom reference within the tolerance.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderDicom } from '../../actions/lib/dicom/render-dicom.js';
import { type DicomWriteInput, writeDicom } from '../../actions/lib/synth/dicom/write-dicom.js';
import { maxDifference, REFERENCE_PYTHON, renderReference } from './pydicom-reference.js';
import { imageElements } from './synthetic-dicom.js';

const dir = mkdtempSync(join(tmpdir(), 'dicom-codecs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const COMPRESS = join(import.meta.dirname, '..', 'reference', 'dicom_compress.py');

const size = 48;
const pattern = (f: (x: number, y: number) => number) =>
  Array.from({ length: size * size }, (_, i) => f(i % size, Math.floor(i / size)));
const smooth = (x: number, y: number) => Math.sin(x / 7) * Math.cos(y / 5) * 0.5 + 0.5;

const sources: Record<string, DicomWriteInput> = {
  'signed 12-bit CT': {
    elements: [
      ...imageElements({ rows: size, columns: size, bitsStored: 12, signed: true }),
      { keyword: 'RescaleIntercept', value: -1024 },
      { keyword: 'RescaleSlope', value: 1 },
    ],
    pixelData: Int16Array.from(pattern((x, y) => Math.round(smooth(x, y) * 4000 - 2000))),
  },
  'unsigned 16-bit MR, three frames': {
    elements: imageElements({ rows: size, columns: size, bitsStored: 16, frames: 3, modality: 'MR' }),
    pixelData: Uint16Array.from(
      [0, 1, 2].flatMap((frame) => pattern((x, y) => Math.round(smooth(x + frame * 9, y) * 65535))),
    ),
  },
  'unsigned 12-bit': {
    elements: imageElements({ rows: size, columns: size, bitsStored: 12 }),
    pixelData: Uint16Array.from(pattern((x, y) => Math.round(smooth(x, y) * 4095))),
  },
  '8-bit grey': {
    elements: imageElements({ rows: size, columns: size, bitsAllocated: 8, modality: 'OT' }),
    pixelData: Uint8Array.from(pattern((x, y) => Math.round(smooth(x, y) * 255))),
  },
  '8-bit RGB': {
    elements: imageElements({
      rows: size,
      columns: size,
      bitsAllocated: 8,
      samples: 3,
      photometric: 'RGB',
      modality: 'OT',
    }),
    pixelData: Uint8Array.from(
      pattern((x, _y) => x).flatMap((_, i) => {
        const x = i % size;
        const y = Math.floor(i / size);
        return [Math.round(smooth(x, y) * 255), (x * 5) % 256, (y * 5) % 256];
      }),
    ),
  },
};

const syntaxes: [string, boolean][] = [
  ['JPEGLosslessProcess14_1', true],
  ['JPEGLosslessProcess14', true],
  ['JPEGLSLossless', true],
  ['JPEGLSNearLossless', false],
  ['JPEG2000Lossless', true],
  ['JPEG2000', false],
  ['JPEGBaselineProcess1', false],
  ['JPEGExtendedProcess2_4', false],
  ['RLELossless', true],
];

describe.each(Object.entries(sources))('%s', (sourceName, input) => {
  const slug = sourceName.replace(/[^a-z0-9]+/gi, '-');
  const source = join(dir, `${slug}.dcm`);
  const frame = sourceName.includes('three frames') ? 2 : 0;

  it.each(syntaxes)('decodes %s like the reference', async (syntax, lossless) => {
    await writeDicom(source, input);
    const file = join(dir, `${slug}-${syntax}.dcm`);
    try {
      execFileSync(REFERENCE_PYTHON, [COMPRESS, source, file, syntax], { stdio: 'ignore' });
    } catch {
      return; // GDCM refuses this pixel format for this syntax (e.g. 16-bit JPEG baseline).
    }
    const ours = await renderDicom(file, { frame });
    const [reference] = await renderReference([{ file, out: `${file}.raw`, frame }]);
    expect(reference?.ok, 'the reference decodes it').toBe(true);
    if (!reference?.ok) return;
    expect(maxDifference(ours.data, reference.pixels)).toBeLessThanOrEqual(ours.channels === 3 ? 2 : 1);
    if (lossless) {
      const original = await renderDicom(source, { frame });
      expect(Array.from(ours.data)).toEqual(Array.from(original.data));
    }
  });
});
