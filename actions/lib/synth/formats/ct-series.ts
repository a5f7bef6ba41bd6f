import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { writeDicom } from '../dicom/write-dicom.js';

/**
 * Header values that look like PHI on purpose: if any of them ever reaches a lock, a log or a
 * committed file, the leak is obvious. They are made up.
 */
export const PHI_LOOKING_HEADER = {
  PatientName: 'Doe^Jane',
  PatientID: 'MRN-123456',
  PatientBirthDate: '19600101',
  InstitutionName: 'St. Example Hospital',
  InstitutionAddress: '1 Example Street, Springfield',
  ReferringPhysicianName: 'Smith^John',
  AccessionNumber: 'ACC-987654',
  StudyDate: '20190314',
  StudyTime: '101500',
} as const;

/** A deterministic UID under 2.25 (UUID-derived form) from a name. */
export function uidFor(name: string): string {
  const digest = createHash('sha256').update(name).digest().subarray(0, 16);
  return `2.25.${BigInt(`0x${digest.toString('hex')}`).toString()}`;
}

/** One CT series to write: Hounsfield units per slice, square slices. */
export interface CtSeries {
  dir: string;
  /** Slice file name from its 1-based number. */
  fileName(instance: number): string;
  size: number;
  /** Hounsfield units of each slice, row-major. */
  slices: readonly Float64Array[];
  seriesDescription: string;
  studyDescription: string;
  /** Stable name the UIDs are derived from. */
  uidSeed: string;
  pixelSpacing: number;
  sliceThickness: number;
}

/**
 * Writes a CT series as DICOM: signed 16-bit stored values with RescaleIntercept -1024 and
 * RescaleSlope 1 (stored = HU + 1024), a soft-tissue window, and PHI-looking header values.
 */
export async function writeCtSeries(series: CtSeries): Promise<string[]> {
  await mkdir(series.dir, { recursive: true });
  const written: string[] = [];
  const study = uidFor(`${series.uidSeed}/study`);
  const seriesUid = uidFor(`${series.uidSeed}/series`);
  for (let i = 0; i < series.slices.length; i++) {
    const hu = series.slices[i]!;
    const stored = new Int16Array(hu.length);
    for (let p = 0; p < hu.length; p++)
      stored[p] = Math.max(-32768, Math.min(32767, Math.round(hu[p]!) + 1024));
    const file = path.join(series.dir, series.fileName(i + 1));
    await writeDicom(file, {
      transferSyntax: 'explicit-le',
      elements: [
        { keyword: 'SpecificCharacterSet', value: 'ISO_IR 100' },
        { keyword: 'ImageType', value: ['ORIGINAL', 'PRIMARY', 'AXIAL'] },
        { keyword: 'SOPClassUID', value: '1.2.840.10008.5.1.4.1.1.2' },
        { keyword: 'SOPInstanceUID', value: uidFor(`${series.uidSeed}/${i + 1}`) },
        ...Object.entries(PHI_LOOKING_HEADER).map(([keyword, value]) => ({
          keyword: keyword as keyof typeof PHI_LOOKING_HEADER,
          value,
        })),
        { keyword: 'SeriesDate', value: PHI_LOOKING_HEADER.StudyDate },
        { keyword: 'ContentDate', value: PHI_LOOKING_HEADER.StudyDate },
        { keyword: 'Modality', value: 'CT' },
        { keyword: 'Manufacturer', value: 'SYNTHETIC' },
        { keyword: 'StudyDescription', value: series.studyDescription },
        { keyword: 'SeriesDescription', value: series.seriesDescription },
        { keyword: 'PatientSex', value: 'F' },
        { keyword: 'PatientAge', value: '059Y' },
        { keyword: 'SliceThickness', value: series.sliceThickness },
        { keyword: 'KVP', value: 120 },
        { keyword: 'StudyInstanceUID', value: study },
        { keyword: 'SeriesInstanceUID', value: seriesUid },
        { keyword: 'StudyID', value: '1' },
        { keyword: 'SeriesNumber', value: 2 },
        { keyword: 'InstanceNumber', value: i + 1 },
        { keyword: 'SamplesPerPixel', value: 1 },
        { keyword: 'PhotometricInterpretation', value: 'MONOCHROME2' },
        { keyword: 'Rows', value: series.size },
        { keyword: 'Columns', value: series.size },
        { keyword: 'PixelSpacing', value: [series.pixelSpacing, series.pixelSpacing] },
        { keyword: 'BitsAllocated', value: 16 },
        { keyword: 'BitsStored', value: 16 },
        { keyword: 'HighBit', value: 15 },
        { keyword: 'PixelRepresentation', value: 1 },
        { keyword: 'WindowCenter', value: 40 },
        { keyword: 'WindowWidth', value: 400 },
        { keyword: 'RescaleIntercept', value: -1024 },
        { keyword: 'RescaleSlope', value: 1 },
        { keyword: 'RescaleType', value: 'HU' },
      ],
      pixelData: stored,
    });
    written.push(file);
  }
  return written;
}
