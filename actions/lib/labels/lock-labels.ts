import { canonicalJson } from '../locks/canonical-json.js';
import type { LockEntry } from '../schema/lock.js';
import type { LabelledItem, LockLabels } from './ground-truth.js';

const same = (a: LockLabels | undefined, b: LockLabels | undefined) =>
  canonicalJson(a ?? null) === canonicalJson(b ?? null);

/**
 * Whether an item's ground truth asks for its entry to be looked at: its labels failed the check, or
 * the row (or the claim) differs from what the entry records. Planning calls this; no file is read.
 */
export function labelsStale(item: LabelledItem, previous: LockEntry): boolean {
  return item.labelsFailure !== undefined || !same(item.labels, previous.labels);
}

/** An entry with the item's label record in place of the one it had (or none). */
export function withLabels(entry: LockEntry, item: LabelledItem): LockEntry {
  if (same(entry.labels, item.labels)) return entry;
  const { labels: _old, ...rest } = entry;
  return item.labels ? { ...rest, labels: item.labels } : rest;
}

/**
 * Why verify calls an entry's ground truth drifted, or undefined: the scenario's labels do not match
 * their row, or the row (or what the scenario declares) is not the one the entry was checked against.
 */
export function labelsDrift(item: LabelledItem, entry: LockEntry): string | undefined {
  if (item.labelsFailure) return item.labelsFailure;
  if (same(item.labels, entry.labels)) return undefined;
  if (!item.labels) return 'the entry records a label row, but nothing names labels for it any more';
  if (!entry.labels) return `its label row in ${item.labels.file} was never checked into the lock`;
  if (item.labels.row_sha256 !== entry.labels.row_sha256)
    return `its label row in ${item.labels.file} changed since it was locked`;
  return 'its source.labels or source changed since the entry was checked';
}
