import { InputError } from '../errors.js';
import { Lock, type LockEntry } from '../schema/lock.js';
import { canonicalJson, compareCodeUnits } from './canonical-json.js';
import { isLockEntry } from './fast-entry-check.js';
import { isSafeRelativePath } from './safe-relative-path.js';

/**
 * Serialises a lock canonically: header fields in a fixed order, entries sorted by output path, one
 * compact entry per line, keys sorted inside each entry, no timestamps. Same lock → same bytes, and a
 * pull request's diff shows one line per changed entry.
 */
export function serializeLock(lock: Lock): string {
  const entries = [...lock.entries].sort((a, b) => compareCodeUnits(a.output, b.output));
  const header: string[] = [];
  if (lock.$schema !== undefined) header.push(`  "$schema": ${JSON.stringify(lock.$schema)},`);
  header.push(`  "format": ${lock.format},`);
  header.push(`  "dataset": ${JSON.stringify(lock.dataset)},`);
  if (lock.shard !== undefined) header.push(`  "shard": ${JSON.stringify(lock.shard)},`);
  header.push(`  "tools": ${canonicalJson(lock.tools)},`);
  const body =
    entries.length === 0
      ? '  "entries": []'
      : `  "entries": [\n${entries.map((e) => `    ${canonicalJson(e)}`).join(',\n')}\n  ]`;
  return `{\n${header.join('\n')}\n${body}\n}\n`;
}

/** Canonical text of one entry, used to tell changed entries from unchanged ones. */
export function entryKey(entry: LockEntry): string {
  return canonicalJson(entry);
}

/** Parses and schema-checks a lock file's text, and checks its paths stay inside their roots; a bad file is an InputError naming it. */
export function parseLock(text: string, file: string): Lock {
  const lock = parseLockSchema(text, file);
  lock.entries.forEach((e, i) => {
    if (!isSafeRelativePath(e.output)) {
      throw new InputError(
        'lock-path',
        file,
        `entries.${i}.output is not a relative path inside the outputs directory`,
      );
    }
    if (!isSafeRelativePath(e.source.path)) {
      throw new InputError(
        'lock-path',
        file,
        `entries.${i}.source.path is not a relative path inside the dataset folder`,
      );
    }
  });
  return lock;
}

function parseLockSchema(text: string, file: string): Lock {
  let value: unknown;
  let badEntry = 0;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError('lock-json', file, `invalid JSON (${(error as Error).message})`);
  }
  // Fast path: check the entries by hand and the small header with zod, keeping the parsed objects.
  if (
    value !== null &&
    typeof value === 'object' &&
    Array.isArray((value as { entries?: unknown }).entries)
  ) {
    const { entries, ...header } = value as { entries: unknown[] };
    const checked = Lock.safeParse({ ...header, entries: [] });
    // zod collects an issue per bad entry: only the first bad one is checked, so millions of bad
    // entries cost no more than one.
    const bad = entries.findIndex((e) => !isLockEntry(e));
    if (checked.success && bad < 0) return { ...checked.data, entries: entries as LockEntry[] };
    if (bad >= 0) {
      value = { ...header, entries: [entries[bad]] };
      badEntry = bad;
    }
  }
  const result = Lock.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.path[0] === 'entries' ? ['entries', badEntry, ...issue.path.slice(2)] : issue.path;
    const at = where.map(String).join('.');
    throw new InputError('lock-schema', file, `not a valid lock${at ? ` at ${at}` : ''}: ${issue.message}`);
  }
  return result.data;
}
