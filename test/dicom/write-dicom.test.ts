import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type DicomElement,
  type WritableTransferSyntax,
  writeDicom,
} from '../../actions/lib/dicom/write-dicom.js';

const dir = mkdtempSync(join(tmpdir(), 'write-dicom-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const elements: DicomElement[] = [
  { keyword: 'PatientName', value: 'Doe^Jane' },
  { keyword: 'PatientID', value: 'MRN-123456' },
  { keyword: 'InstitutionName', value: 'St. Example Hospital' },
  { keyword: 'StudyDate', value: '20240102' },
  { keyword: 'Modality', value: 'CT' },
  { keyword: 'Rows', value: 3 },
  { keyword: 'Columns', value: 5 },
  { keyword: 'NumberOfFrames', value: 2 },
  { keyword: 'SamplesPerPixel', value: 1 },
  { keyword: 'PhotometricInterpretation', value: 'MONOCHROME2' },
  { keyword: 'BitsAllocated', value: 16 },
  { keyword: 'BitsStored', value: 16 },
  { keyword: 'HighBit', value: 15 },
  { keyword: 'PixelRepresentation', value: 1 },
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
