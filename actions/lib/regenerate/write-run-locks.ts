import { type DatasetLocks, writeDatasetLocks } from '../locks/lock-store.js';
import { LAYOUT } from '../repository/repository-layout.js';
import type { LockEntry } from '../schema/lock.js';

/** Lock files a run wrote or removed (relative to the repository root), and the datasets they belong to. */
export interface LocksWritten {
  written: string[];
  removed: string[];
  changedDatasets: Set<string>;
}

/**
 * Writes each dataset's new entries as canonical lock files; a dataset whose entries did not change
 * writes nothing. Tool versions are asked only when a lock is about to change.
 */
export async function writeRunLocks(
  locksDir: string,
  datasets: readonly string[],
  locks: ReadonlyMap<string, DatasetLocks>,
  entries: ReadonlyMap<string, LockEntry[]>,
  getTools: () => Promise<Record<string, string>>,
  splitThreshold: number | undefined,
): Promise<LocksWritten> {
  const result: LocksWritten = { written: [], removed: [], changedDatasets: new Set() };
  for (const dataset of datasets) {
    const written = await writeDatasetLocks(
      locksDir,
      dataset,
      locks.get(dataset),
      entries.get(dataset)!,
      getTools,
      {
        splitThreshold,
      },
    );
    result.written.push(...written.written.map((f) => `${LAYOUT.locksDir}/${f}`));
    result.removed.push(...written.removed.map((f) => `${LAYOUT.locksDir}/${f}`));
    if (written.written.length + written.removed.length > 0) result.changedDatasets.add(dataset);
  }
  return result;
}
