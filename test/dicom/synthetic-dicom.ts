/** Builders of synthetic DICOM element lists for the tests (PHI-looking values on purpose). */
import type { DicomElement } from '../../actions/lib/synth/dicom/write-dicom.js';

/** Patient and institution values that must never appear in any message or log. */
export const PHI = {
  PatientName: 'Doe^Jane',
  PatientID: 'MRN-123456',
  InstitutionName: 'St. Example Hospital',
  PatientBirthDate: '19700101',
  StudyDate: '20240102',
} as const;

/** The patient/study elements carrying the PHI values above. */
export function phiElements(): DicomElement[] {
  return [
    { keyword: 'PatientName', value: PHI.PatientName },
    { keyword: 'PatientID', value: PHI.PatientID },
    { keyword: 'InstitutionName', value: PHI.InstitutionName },
    { keyword: 'PatientBirthDate', value: PHI.PatientBirthDate },
    { keyword: 'StudyDate', value: PHI.StudyDate },
    { keyword: 'SOPClassUID', value: '1.2.840.10008.5.1.4.1.1.2' },
    { keyword: 'SOPInstanceUID', value: '1.2.826.0.1.3680043.10.1541.99.1' },
  ];
}

/** An image pixel module. */
export function imageElements(options: {
  rows: number;
  columns: number;
  bitsAllocated?: number;
  bitsStored?: number;
  signed?: boolean;
  photometric?: string;
  samples?: number;
  planar?: number;
  frames?: number;
  modality?: string;
}): DicomElement[] {
  const bitsAllocated = options.bitsAllocated ?? 16;
  const bitsStored = options.bitsStored ?? bitsAllocated;
  const samples = options.samples ?? 1;
  const elements: DicomElement[] = [
    ...phiElements(),
    { keyword: 'Modality', value: options.modality ?? 'CT' },
    { keyword: 'Rows', value: options.rows },
    { keyword: 'Columns', value: options.columns },
    { keyword: 'SamplesPerPixel', value: samples },
    { keyword: 'PhotometricInterpretation', value: options.photometric ?? 'MONOCHROME2' },
    { keyword: 'BitsAllocated', value: bitsAllocated },
    { keyword: 'BitsStored', value: bitsStored },
    { keyword: 'HighBit', value: bitsStored - 1 },
    { keyword: 'PixelRepresentation', value: options.signed ? 1 : 0 },
  ];
  if (samples === 3) elements.push({ keyword: 'PlanarConfiguration', value: options.planar ?? 0 });
  if (options.frames !== undefined) elements.push({ keyword: 'NumberOfFrames', value: options.frames });
  return elements;
}
