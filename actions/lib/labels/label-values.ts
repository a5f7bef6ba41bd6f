/** A label value as numbers compare: "1.0", "1" and 1 are one value; blank is no number. */
export function asNumber(v: string | number): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  const t = v.trim();
  if (t === '' || !/^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/.test(t)) return undefined;
  return Number(t);
}

/**
 * Whether a value a scenario declares equals a cell of the label file: as numbers when both are numbers
 * (CheXpert writes 1.0 for 1), else as text with surrounding spaces ignored.
 */
export function sameLabelValue(declared: string | number, cell: string): boolean {
  const a = asNumber(declared);
  const b = asNumber(cell);
  if (a !== undefined && b !== undefined) return a === b;
  return String(declared).trim() === cell.trim();
}
