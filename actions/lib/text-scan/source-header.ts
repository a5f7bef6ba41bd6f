import { readDicom } from '../dicom/read-dicom.js';
import type { HeaderValues } from './header-terms.js';

const KEYS: [keyof HeaderValues, string][] = [
  ['PatientName', 'x00100010'],
  ['PatientID', 'x00100020'],
  ['OtherPatientIDs', 'x00101000'],
  ['PatientBirthDate', 'x00100030'],
  ['InstitutionName', 'x00080080'],
  ['AccessionNumber', 'x00080050'],
  ['StudyDate', 'x00080020'],
  ['SeriesDate', 'x00080021'],
  ['AcquisitionDate', 'x00080022'],
  ['ContentDate', 'x00080023'],
  ['ReferringPhysicianName', 'x00080090'],
  ['PerformingPhysicianName', 'x00081050'],
  ['OperatorsName', 'x00081070'],
];

/** A DICOM file's identifying header values (kept in memory only) and its frame count. */
export async function dicomHeader(file: string): Promise<{ values: HeaderValues; frames: number }> {
  const { dataSet } = await readDicom(file);
  const values: HeaderValues = {};
  for (const [key, tag] of KEYS) {
    const v = dataSet.string(tag);
    if (v?.trim()) values[key] = v.trim();
  }
  const frames = Number.parseInt(dataSet.string('x00280008') ?? '1', 10);
  return { values, frames: Number.isFinite(frames) && frames > 0 ? frames : 1 };
}
