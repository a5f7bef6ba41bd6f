import type { DatasetCounts } from './commit-record.js';
import type { SnapshotRow } from './noop-snapshot.js';

export function emptyCounts(): DatasetCounts {
  return { added: 0, changed: 0, removed: 0, unchanged: 0, failed: 0 };
}

/** Counts each output a snapshot proved as unchanged in its dataset. */
export function countProven(
  counts: Record<string, DatasetCounts>,
  rows: readonly SnapshotRow[],
): Record<string, DatasetCounts> {
  for (const r of rows) {
    counts[r.dataset] ??= emptyCounts();
    counts[r.dataset]!.unchanged++;
  }
  return counts;
}
