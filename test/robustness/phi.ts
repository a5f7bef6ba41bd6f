/** The PHI-looking values stamped into every corpus DICOM, and a check that text holds none of them. */
import { PHI } from '../dicom/synthetic-dicom.js';

/** Values that must never appear in a message, a report, a lock or an image name. */
export const PHI_VALUES: readonly string[] = [
  PHI.PatientName,
  PHI.PatientID,
  PHI.InstitutionName,
  PHI.PatientBirthDate,
  // Fragments a parser could split out of the values above (a PN component, the hospital's name).
  'Doe',
  'Example Hospital',
];

/** The PHI values found in `text` (empty when it is clean). */
export function phiIn(text: string): string[] {
  return PHI_VALUES.filter((value) => text.includes(value));
}

/** Everything an error could show a person or a log: message, stack, own fields, cause. */
export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  let own = '';
  try {
    own = JSON.stringify(error);
  } catch {
    own = '[unserialisable error]';
  }
  return [error.message, String(error.stack), own, String(error.cause ?? '')].join('\n');
}
