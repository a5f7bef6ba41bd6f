/** What a recognised line is. Identifying categories fail an output; the rest are recorded only. */
export const IDENTIFYING_CATEGORIES = ['header-match', 'name', 'id', 'date', 'institution'] as const;
export const MACHINE_CATEGORIES = [
  'depth',
  'ultrasound-index',
  'frequency',
  'frame-rate',
  'gain',
  'ecg',
  'frame-counter',
  'marker',
  'window',
  'time',
  'machine-label',
] as const;

export type IdentifyingCategory = (typeof IDENTIFYING_CATEGORIES)[number];
export type MachineCategory = (typeof MACHINE_CATEGORIES)[number];
/** `text`: read, but neither identifying nor a known annotation (kept in counts, not a failure). */
export type TextCategory = IdentifyingCategory | MachineCategory | 'text';

export const isIdentifying = (c: TextCategory): c is IdentifyingCategory =>
  (IDENTIFYING_CATEGORIES as readonly string[]).includes(c);
