import type { MachineCategory } from './text-categories.js';

/** What scanners and workstations print on every frame: settings, counters, markers, not people. */
const PATTERNS: [MachineCategory, RegExp][] = [
  ['ultrasound-index', /\b(?:TI[sbcSBC]|MI)\b/],
  ['frequency', /MHz|kHz|\bFreq\b|\bF\s?\d+(?:\.\d+)?\s?M/i],
  ['frame-rate', /\bfps\b|\bFR\s?[:=]?\s?\d+|\b\d+\s?Hz\b/i],
  ['ecg', /\bE[CK]G\b|\bHR\b|\bbpm\b/i],
  ['gain', /\bGain\b|\bdB\b|\bDR\s?\d+|\bDyn\b|\bG\s?[:=]?\s?\d+\s?%?/i],
  ['depth', /\b\d+(?:[.,]\d+)?\s?(?:cm|mm)\b|\bDepth\b|\bD\s?[:=]?\s?\d+(?:\.\d+)?\s?cm/i],
  ['frame-counter', /\b(?:Frame|Fr|Img|Im|Image|Cine|Se|Series)\s?[:#]?\s?\d+|\b\d+\s?\/\s?\d+\b/i],
  ['window', /\b(?:WW|WL|WC|W|L|C)\s?[:=]\s?-?\d+|\bW\s?\d+\s+L\s?-?\d+/],
  ['time', /\b\d{1,2}:\d{2}(?::\d{2})?\b/],
];

/** Words of scanner settings, presets, views and anatomy: capitalised, but nobody's name. */
export const MACHINE_WORDS = new Set(
  `abd abdomen abdominal angle ant anterior aorta apex apical arterial axial axis bladder breast
   bpm cardiac carotid cf chamber cine color colour comp cont contrast cor coronal cw depth
   doppler dr dyn echo ecg ekg focus fps frame freq frequency gain gen harmonic heart hr img
   image inf inferior kidney lat lateral left liver lobe long lt lv mode med map mi mv neck
   obs ob gyn pelvis pen persist plax post posterior power prf probe psax pw ra res right rt
   rv sag sagittal sax scan sector sub subcostal sup superior sv thi thyroid tis tib tic trans
   transverse tv uterus vasc vascular view wall ww wl zoom general std standard high low mid
   pulsed wave frames live freeze auto ap lap long short axis four two three five chamber
   apical parasternal suprasternal lobe isthmus nodule mass lesion cyst fetal heart rate
   overall penetration resolution speed sweep scale baseline filter tgc biopsy measure dist area
   vol volume ratio avg mean max min peak cm mm mhz khz db hz sec ms proc xmit pwr frozen edge
   rej reject smooth preset opt acq pers enh`
    .split(/\s+/)
    .filter(Boolean),
);

/** The annotation categories a line's text matches, in a fixed order. */
export function machineCategories(text: string): MachineCategory[] {
  const out: MachineCategory[] = PATTERNS.filter(([, re]) => re.test(text)).map(([c]) => c);
  const tokens = text.split(/[\s:,;]+/).filter(Boolean);
  if (tokens.length > 0 && tokens.every((t) => /^(?:L|R|LT|RT|A|P|S|I|AP|PA|LAT)$/i.test(t)))
    out.push('marker');
  if (out.length === 0 && tokens.some((t) => MACHINE_WORDS.has(t.toLowerCase()))) out.push('machine-label');
  return out;
}
