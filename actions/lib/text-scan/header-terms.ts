/**
 * The source's own identifying header values, turned into the forms they take when burned into
 * pixels. Held in memory for one comparison and never printed, logged or written.
 */
export interface HeaderValues {
  PatientName?: string;
  PatientID?: string;
  PatientBirthDate?: string;
  InstitutionName?: string;
  AccessionNumber?: string;
  StudyDate?: string;
  SeriesDate?: string;
  AcquisitionDate?: string;
  ContentDate?: string;
  ReferringPhysicianName?: string;
  PerformingPhysicianName?: string;
  OperatorsName?: string;
  OtherPatientIDs?: string;
}

/** A term to look for: letters and digits only, upper case. */
export type HeaderTerm = string;

export const normalise = (s: string): string => s.toUpperCase().replace(/[^A-Z0-9]/g, '');

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/**
 * A DICOM date (YYYYMMDD, or ACR-NEMA's YYYY.MM.DD that old files still carry) as it is printed in
 * the usual orders, with long and short years.
 */
function dateForms(value: string): string[] {
  const m = /^(\d{4})[-./]?(\d{2})[-./]?(\d{2})$/.exec(value.trim());
  if (!m) return [value];
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  const yy = y.slice(2);
  const mon = MONTHS[Number(mo) - 1] ?? '';
  return [
    `${y}${mo}${d}`,
    `${d}${mo}${y}`,
    `${mo}${d}${y}`,
    `${d}${mo}${yy}`,
    `${mo}${d}${yy}`,
    `${yy}${mo}${d}`,
    `${d}${mon}${y}`,
    `${d}${mon}${yy}`,
    `${mon}${d}${y}`,
  ];
}

/** Person names split at DICOM's ^ and at spaces; parts shorter than 3 letters say too little. */
function nameParts(value: string): string[] {
  return value
    .split(/[\^=\s,]+/)
    .map(normalise)
    .filter((p) => p.length >= 3);
}

export function headerTerms(values: HeaderValues): HeaderTerm[] {
  const terms = new Set<string>();
  const add = (t: string) => {
    const n = normalise(t);
    if (n.length >= 3) terms.add(n);
  };
  for (const key of [
    'PatientName',
    'ReferringPhysicianName',
    'PerformingPhysicianName',
    'OperatorsName',
  ] as const) {
    for (const part of nameParts(values[key] ?? '')) terms.add(part);
  }
  for (const key of ['PatientID', 'AccessionNumber', 'OtherPatientIDs'] as const) {
    for (const v of (values[key] ?? '').split('\\')) add(v);
  }
  for (const key of [
    'PatientBirthDate',
    'StudyDate',
    'SeriesDate',
    'AcquisitionDate',
    'ContentDate',
  ] as const) {
    if (values[key]) for (const f of dateForms(values[key])) add(f);
  }
  if (values.InstitutionName) {
    add(values.InstitutionName);
    // Institutions are often printed in part ("ST MARY" of "St Mary's Hospital"): each longer word too.
    for (const w of values.InstitutionName.split(/\s+/).map(normalise)) {
      if (w.length >= 5 && !/^(HOSPITAL|CLINIC|CENTER|CENTRE|MEDICAL|UNIVERSITY|INSTITUTE)$/.test(w))
        terms.add(w);
    }
  }
  return [...terms];
}

/** Smallest edit distance between `term` and any substring of `text` (Sellers' approximate search). */
export function approximateDistance(term: string, text: string): number {
  let prev = new Array<number>(text.length + 1).fill(0);
  for (let i = 1; i <= term.length; i++) {
    const cur = new Array<number>(text.length + 1);
    cur[0] = i;
    for (let j = 1; j <= text.length; j++) {
      const cost = term[i - 1] === text[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = cur;
  }
  return Math.min(...prev);
}

/** True when the line carries a header value exactly or within OCR's usual slips (1 edit per 5 characters). */
export function matchesHeader(text: string, terms: readonly HeaderTerm[]): boolean {
  const line = normalise(text);
  if (!line) return false;
  return terms.some((t) => {
    if (line.includes(t)) return true;
    const allowed = Math.floor(t.length / 5);
    return allowed > 0 && approximateDistance(t, line) <= allowed;
  });
}
