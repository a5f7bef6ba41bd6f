import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { LAYOUT } from '../repository/repository-layout.js';
import { readAllLocks, writeDatasetLocks } from './lock-store.js';
import { type MergedDataset, mergeLocks } from './merge-locks.js';

/** A directory holding shard locks: a repository (its manifests/locks) or a locks directory itself. */
export function locksDirOf(dir: string): string {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory())
    throw new UsageError(`${dir} is not a directory`);
  const nested = path.join(dir, LAYOUT.locksDir);
  return existsSync(nested) ? nested : dir;
}

export interface MergeTreesResult {
  conflicts: string[];
  /** Per dataset, against the base: what a commit record reports. */
  datasets: MergedDataset[];
  /** Relative to the repository root. */
  written: string[];
  removed: string[];
}

/**
 * Merges the locks that shard runs made on different machines into the repository's locks, which
 * are the base they all started from. Writes nothing when two shards disagree about an output.
 */
export async function mergeLockTrees(
  repoRoot: string,
  sideDirs: readonly string[],
  options: { dryRun?: boolean; splitThreshold?: number } = {},
): Promise<MergeTreesResult> {
  if (sideDirs.length === 0) throw new UsageError('name at least one directory of shard locks');
  const locksDir = path.join(repoRoot, LAYOUT.locksDir);
  const base = await readAllLocks(locksDir);
  const sides = await Promise.all(
    sideDirs.map(async (dir) => ({ name: dir, locks: await readAllLocks(locksDirOf(dir)) })),
  );
  const merged = mergeLocks(base, sides);
  const result: MergeTreesResult = {
    conflicts: merged.conflicts,
    datasets: merged.datasets,
    written: [],
    removed: [],
  };
  if (merged.conflicts.length > 0 || options.dryRun) return result;
  for (const dataset of merged.datasets) {
    if (!dataset.changed) continue;
    const written = await writeDatasetLocks(
      locksDir,
      dataset.dataset,
      base.get(dataset.dataset),
      dataset.entries,
      () => dataset.tools,
      { splitThreshold: options.splitThreshold },
    );
    result.written.push(...written.written.map((f) => `${LAYOUT.locksDir}/${f}`));
    result.removed.push(...written.removed.map((f) => `${LAYOUT.locksDir}/${f}`));
  }
  return result;
}
