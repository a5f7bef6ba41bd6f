import { MACHINE_WORDS } from './machine-annotations.js';
import type { IdentifyingCategory } from './text-categories.js';

// O and 0 swap in recognition ("0ct"); a month name is still a month name.
const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|[o0]ct|n[o0]v|dec)[a-z]*\\.?';

const DATE_PATTERNS = [
  /\b\d{1,2}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?(?:\d{4}|\d{2})\b/,
  /\b(?:19|20)\d{2}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?\d{1,2}\b/,
  new RegExp(`\\b\\d{1,2}[\\s.-]?${MONTH}[\\s.,-]*\\d{2,4}\\b`, 'i'),
  new RegExp(`\\b${MONTH}\\s?\\d{1,2},?\\s?\\d{2,4}\\b`, 'i'),
  /\b(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\b/,
  // Year and month is already finer than a year.
  /\b(?:19|20)\d{2}\s?[/.-]\s?(?:0[1-9]|1[0-2])\b/,
];

/** A label that says an identifier follows, and the value after it. */
const ID_LABEL =
  /\b(?:ID|MRN|PID|UR|URN|NHS|Acc(?:ession)?|Acc\.?\s?No|Pat(?:ient)?\s?(?:No|Nr|#)|Hosp(?:ital)?\s?No|Case|Exam|Study)\b\s*[:#.]?\s*(?:No\.?\s*)?[#:]?\s*[A-Z]{0,3}[0-9][A-Z0-9-]{2,}/i;
/** Six or more digits in one run, optionally after a letter prefix (an MRN, an accession number). */
const LONG_NUMBER = /(?:^|[^0-9.,:])[A-Z]{0,3}\d{6,}(?![0-9.,]*\s?(?:Hz|cm|mm|ms|x))/i;
/**
 * An identifier with a letter prefix or suffix, like AB123456 or 1234567X. Letters and digits that
 * alternate (W281L148) are settings run together; probe names like C5-1 are too short.
 */
const MIXED_ID = /\b(?:[A-Z]{1,3}\d{5,}[A-Z]{0,2}|\d{5,}[A-Z]{1,2})\b/i;

const INSTITUTION =
  /\b(?:Hospital|Hosp|Clinic|Clinique|Clinica|Klinik|Klinikum|Kliniken|Medical|Center|Centre|University|Univ|Institute|Infirmary|Health|Healthcare|Imaging|Radiology|Foundation|H[oô]pital|Ospedale|Spital|Ziekenhuis|Sjukhus|Sygehus|NHS|Trust|Memorial|Children'?s)\b/i;

const NAME_LABEL =
  /\b(?:Name|Patient|Pat|Pt|Physician|Doctor|Ref(?:erring)?|Operator|Sonographer|Tech|Perf(?:ormed)?\s?by)\b[^A-Za-z0-9]{0,4}[A-Z][A-Za-z'-]+/i;
/** Titles in their written case: upper-case DR is a scanner's dynamic range, not a doctor. */
const TITLE = /\b(?:Dr|Mr|Mrs|Ms|Prof)\b\.?\s?[A-Z][A-Za-z'-]+/;
/** DICOM's FAMILY^GIVEN; OCR reads the caret as ~, " or a quote. */
const CARET_NAME = /[A-Za-z]{2,}\s?[\^~"\u201c\u201d\u2019'`]\s?[A-Za-z]{2,}/;
/** Labels that only ever introduce identifying values, even when the value itself is misread. */
const ID_ONLY_LABEL =
  /\b(?:MRN|DOB|D\.O\.B|PID|Acc#|Accession|Patient\s?ID|Pat\.?\s?ID|Birth\s?date|Born)\b|\b[I1l]D\s?[:#]/i;
const COMMA_NAME = /\b[A-Z][A-Za-z'-]{2,},\s?[A-Z][A-Za-z'-]+\b/;

/** Two capitalised words in a row that are neither settings nor anatomy: most likely a person. */
function hasNamePair(text: string): boolean {
  const words = text.split(/[\s,]+/);
  let previous = 0;
  for (const w of words) {
    const word = w.replace(/[^A-Za-z]/g, '');
    const plausible =
      /^[A-Z][A-Za-z]{2,}$/.test(word) &&
      /[AEIOUYaeiouy]/.test(word) &&
      !MACHINE_WORDS.has(word.toLowerCase());
    // Two three-letter fragments are what speckle reads as; a real pair has a longer word in it.
    if (plausible && previous > 0 && Math.max(previous, word.length) >= 4) return true;
    previous = plausible ? word.length : 0;
  }
  return false;
}

/**
 * The identifying categories a recognised line matches (header values are matched separately).
 * Distinctive shapes count at any confidence; shapes that misread speckle or settings can also take
 * (a long number, two capitalised words) count only on a confidently read line.
 */
export function identifyingCategories(text: string, confident: boolean): IdentifyingCategory[] {
  const out: IdentifyingCategory[] = [];
  if (
    CARET_NAME.test(text) ||
    NAME_LABEL.test(text) ||
    TITLE.test(text) ||
    COMMA_NAME.test(text) ||
    (confident && hasNamePair(text))
  )
    out.push('name');
  if (
    ID_LABEL.test(text) ||
    ID_ONLY_LABEL.test(text) ||
    (confident && (LONG_NUMBER.test(text) || MIXED_ID.test(text)))
  )
    out.push('id');
  if (DATE_PATTERNS.some((re) => re.test(text))) out.push('date');
  if (INSTITUTION.test(text)) out.push('institution');
  return out;
}
