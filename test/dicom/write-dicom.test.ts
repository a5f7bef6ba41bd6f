import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDicomBytes } from '../../actions/lib/dicom/read-dicom.js';
import {
  type DicomElement,
  encodeDicom,
  type WritableTransferSyntax,
  writeDicom,
} from '../../actions/lib/synth/dicom/write-dicom.js';
import { imageElements } from './synthetic-dicom.js';

const dir = mkdtempSync(join(tmpdir(), 'write-dicom-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const elements: DicomElement[] = [
  ...imageElements({ rows: 3, columns: 5, frames: 2, signed: true }),
  { keyword: 'RescaleSlope', value: 0.5 },
  { keyword: 'RescaleIntercept', value: -1024 },
  { keyword: 'WindowCenter', value: [40, -600] },
  { keyword: 'WindowWidth', value: [400, 1500] },
  {
    keyword: 'VOILUTSequence',
    value: [
      [
        { keyword: 'LUTDescriptor', value: [3, 0, 8] },
        { keyword: 'LUTData', vr: 'US', value: [0, 128, 255] },
      ],
    ],
  },
];
const pixels = Int16Array.from({ length: 30 }, (_, i) => (i - 15) * 301);

/** Reads a file back with pydicom (Debian's python) and returns what it saw. */
function readWithPydicom(file: string): Record<string, unknown> {
  const script = `
import json, sys, pydicom
d = pydicom.dcmread(sys.argv[1])
print(json.dumps({
  "ts": str(d.file_meta.TransferSyntaxUID), "name": str(d.PatientName), "id": d.PatientID,
  "inst": d.InstitutionName, "slope": float(d.RescaleSlope), "intercept": float(d.RescaleIntercept),
  "wc": [float(x) for x in d.WindowCenter], "lut": [int(x) for x in d.VOILUTSequence[0].LUTDescriptor],
  "pixels": d.pixel_array.ravel().tolist(), "shape": list(d.pixel_array.shape)}))
`;
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8' }));
}

describe('writeDicom', () => {
  const syntaxes: [WritableTransferSyntax, string][] = [
    ['implicit-le', '1.2.840.10008.1.2'],
    ['explicit-le', '1.2.840.10008.1.2.1'],
    ['explicit-be', '1.2.840.10008.1.2.2'],
    ['deflated', '1.2.840.10008.1.2.1.99'],
    ['rle', '1.2.840.10008.1.2.5'],
  ];
  it.each(syntaxes)('writes %s that pydicom reads back exactly', async (syntax, uid) => {
    const file = join(dir, `${syntax}.dcm`);
    await writeDicom(file, { elements, pixelData: pixels, transferSyntax: syntax });
    const seen = readWithPydicom(file);
    expect(seen).toMatchObject({
      ts: uid,
      name: 'Doe^Jane',
      id: 'MRN-123456',
      inst: 'St. Example Hospital',
      slope: 0.5,
      intercept: -1024,
      wc: [40, -600],
      lut: [3, 0, 8],
      shape: [2, 3, 5],
    });
    expect(seen.pixels).toEqual(Array.from(pixels));
  });
});

describe('writeDicom round trip (property)', () => {
  it('keeps text, numbers and pixels in every writable syntax', () => {
    const text = fc
      .string({ minLength: 1, maxLength: 20 })
      .map((s) => s.replace(/[^A-Za-z0-9^ .-]/g, 'x').trim() || 'x');
    fc.assert(
      fc.property(
        fc.constantFrom<WritableTransferSyntax>(
          'implicit-le',
          'explicit-le',
          'explicit-be',
          'deflated',
          'rle',
        ),
        text,
        fc.integer({ min: -32768, max: 32767 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (syntax, name, intercept, rows, columns, seed) => {
          const pixels = Uint16Array.from({ length: rows * columns }, (_, i) => (seed * (i + 1)) % 65536);
          const bytes = encodeDicom({
            elements: [
              { keyword: 'PatientName', value: name },
              { keyword: 'RescaleIntercept', value: intercept },
              { keyword: 'Rows', value: rows },
              { keyword: 'Columns', value: columns },
              { keyword: 'SamplesPerPixel', value: 1 },
              { keyword: 'BitsAllocated', value: 16 },
            ],
            pixelData: pixels,
            transferSyntax: syntax,
          });
          const { dataSet } = parseDicomBytes('round-trip.dcm', bytes);
          expect(dataSet.string('x00100010')).toBe(name);
          expect(dataSet.floatString('x00281052')).toBe(intercept);
          expect(dataSet.uint16('x00280010')).toBe(rows);
          const element = dataSet.elements.x7fe00010!;
          if (syntax !== 'rle') {
            const read = Array.from({ length: pixels.length }, (_, i) =>
              dataSet.byteArrayParser.readUint16(dataSet.byteArray, element.dataOffset + i * 2),
            );
            expect(read).toEqual(Array.from(pixels));
          } else {
            expect(element.encapsulatedPixelData).toBe(true);
          }
        },
      ),
      { numRuns: 100, seed: 42 },
    );
  });
});
