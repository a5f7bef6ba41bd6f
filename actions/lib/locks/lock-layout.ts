import { createHash } from 'node:crypto';
import { UsageError } from '../errors.js';

/**
 * A dataset's lock is one file, `<dataset>.json`, until it holds more than this many entries; then it
 * is split into `<dataset>/<kk>.json` by the first two hex digits of sha256(output path). At ~550 bytes
 * an entry a single file stays near 5 MB, and CheXpert's 224,316 entries become 256 files of ~0.5 MB,
 * far from GitHub's 50 MB warning.
 */
export const LOCK_SPLIT_THRESHOLD = 10_000;

const DATASET_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Rejects dataset ids that could not be a file name (they become lock paths). */
export function assertDatasetId(dataset: string): void {
  if (!DATASET_ID.test(dataset) || dataset.includes('..')) {
    throw new UsageError(`dataset id "${dataset}" cannot name a lock file (letters, digits, . _ - only)`);
  }
}

/** Stable key of the split file an entry lives in: two hex digits of sha256 of its output path. */
export function lockShardKey(output: string): string {
  return createHash('sha256').update(output).digest('hex').slice(0, 2);
}

/** Path of a dataset's single lock file, relative to the locks directory. */
export function singleLockFile(dataset: string): string {
  return `${dataset}.json`;
}

/** Path of one split file of a dataset's lock, relative to the locks directory. */
export function splitLockFile(dataset: string, shard: string): string {
  return `${dataset}/${shard}.json`;
}

/** Which dataset a lock file (relative to the locks directory) belongs to, or undefined if not ours. */
export function datasetOfLockFile(file: string): string | undefined {
  const single = /^([^/]+)\.json$/.exec(file);
  if (single) return single[1];
  const split = /^([^/]+)\/([0-9a-f]{2})\.json$/.exec(file);
  return split ? split[1] : undefined;
}

/** Groups entries into the files they belong in: output file → entries (sorted later by the writer). */
export function layoutEntries<E extends { output: string }>(
  dataset: string,
  entries: readonly E[],
  threshold = LOCK_SPLIT_THRESHOLD,
): Map<string, { shard?: string; entries: E[] }> {
  const files = new Map<string, { shard?: string; entries: E[] }>();
  if (entries.length <= threshold) {
    if (entries.length > 0) files.set(singleLockFile(dataset), { entries: [...entries] });
    return files;
  }
  for (const entry of entries) {
    const shard = lockShardKey(entry.output);
    const file = splitLockFile(dataset, shard);
    let group = files.get(file);
    if (!group) {
      group = { shard, entries: [] };
      files.set(file, group);
    }
    group.entries.push(entry);
  }
  return files;
}
