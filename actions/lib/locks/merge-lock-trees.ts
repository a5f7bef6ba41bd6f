import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { LAYOUT } from '../repository/repository-layout.js';
import { listLockFiles, readAllLocks, readDatasetLocks, writeDatasetLocks } from './lock-store.js';
import { type MergedDataset, mergeLocks } from './merge-locks.js';

/**
 * A directory holding shard locks: a repository (its manifests/locks, perhaps absent: a shard that
 * produced nothing) or a locks directory itself.
 */
export function locksDirOf(dir: string): string {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory())
    throw new UsageError(`${dir} is not a directory`);
  const nested = path.join(dir, LAYOUT.locksDir);
  const repository = existsSync(path.join(dir, '.git')) || existsSync(path.join(dir, 'manifests'));
  return repository || existsSync(nested) ? nested : dir;
}

/** Whether `X.json` is a lock of dataset X: every lock names its dataset; biome.json does not. */
async function namesItsDataset(file: string, dataset: string): Promise<boolean> {
  try {
    return (JSON.parse(await readFile(file, 'utf8')) as { dataset?: unknown })?.dataset === dataset;
  } catch {
    return false;
  }
}

/** A shard's locks: only lock files, never other JSON that happens to lie beside them. */
async function readShardLocks(dir: string) {
  const locksDir = locksDirOf(dir);
  const listed: [string, string[]][] = [];
  for (const [dataset, files] of await listLockFiles(locksDir)) {
    const locks: string[] = [];
    for (const f of files)
      if (f.includes('/') || (await namesItsDataset(path.join(locksDir, f), dataset))) locks.push(f);
    if (locks.length > 0) listed.push([dataset, locks]);
  }
  const all = await Promise.all(listed.map(([d, files]) => readDatasetLocks(locksDir, d, files)));
  return new Map(all.map((d) => [d.dataset, d]));
}

export interface MergeTreesResult {
  conflicts: string[];
  /** Per dataset, against the base: what a commit record reports. */
  datasets: MergedDataset[];
  /** Relative to the repository root. */
  written: string[];
  removed: string[];
  /** Shards that held no lock file at all (they produced nothing): they change nothing. */
  empty: string[];
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
  const read = await Promise.all(
    sideDirs.map(async (dir) => ({ name: dir, locks: await readShardLocks(dir) })),
  );
  // An empty shard would otherwise read as "every entry removed".
  const sides = read.filter((s) => s.locks.size > 0);
  const merged = mergeLocks(base, sides);
  const result: MergeTreesResult = {
    conflicts: merged.conflicts,
    datasets: merged.datasets,
    written: [],
    removed: [],
    empty: read.filter((s) => s.locks.size === 0).map((s) => s.name),
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
