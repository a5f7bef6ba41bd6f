import type { LockEntry } from '../schema/lock.js';

const SHA256 = /^[0-9a-f]{64}$/;
const REQUIRED = [
  'output',
  'source',
  'recipe',
  'recipe_sha256',
  'output_sha256',
  'pixels_sha256',
  'width',
  'height',
  'channels',
];
const BURNED_IN = new Set(['YES', 'NO', 'undeclared']);

function isPositiveInt(v: unknown): boolean {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 1;
}

/** The optional `labels` of an entry (issue 18): file, row hash, optional claim hash, nothing else. */
function isLabels(v: unknown): boolean {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const l = v as Record<string, unknown>;
  const keys = Object.keys(l).length;
  if (typeof l.file !== 'string' || l.file.length === 0) return false;
  if (typeof l.row_sha256 !== 'string' || !SHA256.test(l.row_sha256)) return false;
  if (!('claimed_sha256' in l)) return keys === 2;
  return (
    keys === 3 &&
    (l.claimed_sha256 === undefined ||
      (typeof l.claimed_sha256 === 'string' && SHA256.test(l.claimed_sha256)))
  );
}

const isCount = (v: unknown): boolean => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isText = (v: unknown): boolean => typeof v === 'string' && v.length > 0;
const SCAN_KEYS = new Set([
  'engine',
  'version',
  'model',
  'frames',
  'text_regions',
  'identifying_regions',
  'categories',
  'redacted_regions',
  'reviewed',
]);

/** LockEntry.text_scan (issue 16), by hand like the rest. */
function isTextScanRecord(v: unknown): boolean {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const t = v as Record<string, unknown>;
  if (!Object.keys(t).every((k) => SCAN_KEYS.has(k))) return false;
  if (!isText(t.engine) || !isText(t.version) || !isText(t.model)) return false;
  if (!isPositiveInt(t.frames) || !isCount(t.text_regions) || !isCount(t.identifying_regions)) return false;
  if (!Array.isArray(t.categories) || !t.categories.every(isText)) return false;
  if ('redacted_regions' in t && t.redacted_regions !== undefined && !isPositiveInt(t.redacted_regions))
    return false;
  return !('reviewed' in t) || t.reviewed === undefined || t.reviewed === true;
}

/**
 * The LockEntry schema, hand-written for speed: a 224,316-entry lock is checked on every plan, and
 * zod's parse (which also copies every entry) costs several times this. It accepts exactly what the
 * schema accepts; on a false answer the caller asks zod for the precise message. test/locks holds a
 * property test that the two agree.
 */
export function isLockEntry(value: unknown): value is LockEntry {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const e = value as Record<string, unknown>;
  let known = 0;
  for (const key of REQUIRED) {
    if (!(key in e)) return false;
    known++;
  }
  if ('burned_in_annotation' in e) {
    known++;
    if (e.burned_in_annotation !== undefined && !BURNED_IN.has(e.burned_in_annotation as string))
      return false;
  }
  if ('labels' in e) {
    known++;
    if (e.labels !== undefined && !isLabels(e.labels)) return false;
  }
  if ('text_scan' in e) {
    known++;
    if (e.text_scan !== undefined && !isTextScanRecord(e.text_scan)) return false;
  }
  if (Object.keys(e).length !== known) return false;
  if (typeof e.output !== 'string' || e.output.length === 0) return false;
  const s = e.source as Record<string, unknown> | null;
  if (s === null || typeof s !== 'object' || Array.isArray(s) || Object.keys(s).length !== 3) return false;
  if (typeof s.path !== 'string' || s.path.length === 0) return false;
  if (typeof s.sha256 !== 'string' || !SHA256.test(s.sha256)) return false;
  if (typeof s.size !== 'number' || !Number.isSafeInteger(s.size) || s.size < 0) return false;
  if (e.recipe === null || typeof e.recipe !== 'object' || Array.isArray(e.recipe)) return false;
  for (const key of ['recipe_sha256', 'output_sha256', 'pixels_sha256'] as const) {
    if (typeof e[key] !== 'string' || !SHA256.test(e[key] as string)) return false;
  }
  if (!isPositiveInt(e.width) || !isPositiveInt(e.height)) return false;
  return e.channels === 1 || e.channels === 3;
}
