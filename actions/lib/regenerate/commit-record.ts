import { createHash } from 'node:crypto';
import { canonicalJson, compareCodeUnits } from '../locks/canonical-json.js';
import type { LockEntry } from '../schema/lock.js';

/** Counts of one dataset after a run. */
export interface DatasetCounts {
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
  failed: number;
}

/** The trailer key of the machine-readable record in a regenerate commit message. */
export const RECORD_TRAILER = 'Clinical-Manifests-Regenerate';

/**
 * A fingerprint of the data the locks describe: sha256 over every (dataset, source path, source
 * sha256), sorted. Two runners with the same data agree on it; it names no directory of any machine.
 */
export function dataFingerprint(entries: ReadonlyMap<string, readonly LockEntry[]>): string {
  const lines: string[] = [];
  for (const [dataset, list] of entries)
    for (const e of list) lines.push(`${dataset}\0${e.source.path}\0${e.source.sha256}\n`);
  const hash = createHash('sha256');
  for (const line of lines.sort(compareCodeUnits)) hash.update(line);
  return hash.digest('hex');
}

/**
 * The commit message: a one-line subject with the totals, then one trailer line holding canonical JSON
 * (counts per dataset, tool versions, data fingerprint, shard). Hashes and numbers only, no paths of
 * the data root and no header values.
 */
export function commitMessage(record: {
  datasets: Record<string, DatasetCounts>;
  tools: Record<string, string>;
  dataFingerprint: string;
  shard?: string;
}): string {
  const total = { added: 0, changed: 0, removed: 0, failed: 0 };
  for (const c of Object.values(record.datasets)) {
    total.added += c.added;
    total.changed += c.changed;
    total.removed += c.removed;
    total.failed += c.failed;
  }
  const names = Object.keys(record.datasets).sort(compareCodeUnits);
  const subject = `Regenerate locks${names.length > 0 && names.length <= 3 ? ` (${names.join(', ')})` : ''}: ${total.added} added, ${total.changed} changed, ${total.removed} removed${total.failed ? `, ${total.failed} failed` : ''}`;
  return `${subject}\n\n${RECORD_TRAILER}: ${canonicalJson({ format: 1, ...record })}\n`;
}

/** Reads the record back from a commit message, or undefined if it has none. */
export function parseCommitRecord(message: string): Record<string, unknown> | undefined {
  const line = message.split('\n').find((l) => l.startsWith(`${RECORD_TRAILER}: `));
  return line ? (JSON.parse(line.slice(RECORD_TRAILER.length + 2)) as Record<string, unknown>) : undefined;
}
