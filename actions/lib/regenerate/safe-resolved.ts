/**
 * Keeps only what a resolved recipe may carry into a lock: numbers, booleans, and short lower-case
 * tokens (`middle`, `voi-lut`), nested in objects and arrays. A renderer bug that let a header value
 * (a patient's name is upper case with `^`) through would be dropped here rather than committed.
 */
export function safeResolved(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const kept = keep(v);
    if (kept !== undefined && /^[a-z][a-z0-9_]{0,31}$/.test(key)) out[key] = kept;
  }
  return out;
}

function keep(v: unknown): unknown {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return /^[a-z0-9][a-z0-9_.-]{0,31}$/.test(v) ? v : undefined;
  if (Array.isArray(v)) {
    const items = v.map(keep);
    return items.every((i) => i !== undefined) && items.length <= 64 ? items : undefined;
  }
  if (v !== null && typeof v === 'object') {
    const nested = safeResolved(v as Record<string, unknown>);
    return Object.keys(nested).length > 0 ? nested : undefined;
  }
  return undefined;
}
