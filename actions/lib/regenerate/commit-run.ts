import { readDatasetLocks } from '../locks/lock-store.js';
import type { LockEntry } from '../schema/lock.js';
import { commitLocks, uncommittedLocks } from './commit-locks.js';
import { commitMessage, dataFingerprint } from './commit-record.js';
import type { SnapshotRow } from './noop-snapshot.js';
import type { RegenerateResult } from './regenerate-types.js';
import type { WorkShare } from './work-share.js';

/**
 * The fingerprint covers every dataset in scope; datasets a snapshot proved were not read, so they
 * are read now, but only when it is needed (a commit), never on a run that changes nothing.
 */
export function fingerprintOf(
  entries: ReadonlyMap<string, LockEntry[]>,
  provenRows: readonly SnapshotRow[],
  locksDir: string,
  lockFiles: ReadonlyMap<string, string[]>,
): () => Promise<string> {
  return async () => {
    if (provenRows.length === 0) return dataFingerprint(entries);
    const all = new Map(entries);
    for (const dataset of new Set(provenRows.map((r) => r.dataset))) {
      const locks = await readDatasetLocks(locksDir, dataset, lockFiles.get(dataset) ?? []);
      all.set(dataset, [...locks.entries.values()]);
    }
    return dataFingerprint(all);
  };
}

/**
 * Commits the lock files this run changed, and those that already differ from HEAD: a run killed
 * between writing its locks and committing them left them behind, and this run, finding the locks
 * up to date, would otherwise never commit. Fills in the result's commit, message and fingerprint.
 */
export async function commitRun(
  repoRoot: string,
  result: RegenerateResult,
  changed: boolean,
  fingerprint: () => Promise<string>,
  getTools: () => Promise<Record<string, string>>,
  share: WorkShare | undefined,
): Promise<void> {
  const pending = await uncommittedLocks(repoRoot);
  if (!changed && pending.length === 0) return;
  result.dataFingerprint ??= await fingerprint();
  const message = commitMessage({
    datasets: result.counts,
    tools: await getTools(),
    dataFingerprint: result.dataFingerprint,
    ...(share ? { shard: `${share.index}/${share.count}` } : {}),
  });
  const files = new Set([...result.locksWritten, ...result.locksRemoved, ...pending]);
  const sha = await commitLocks(repoRoot, [...files], message);
  if (sha) {
    result.commit = sha;
    result.commitMessage = message;
  }
}
