import type { MergeTreesResult } from '../locks/merge-lock-trees.js';
import { mergeTools } from '../locks/merge-locks.js';
import { commitLocks } from './commit-locks.js';
import { commitMessage, dataFingerprint } from './commit-record.js';

/**
 * Commits what `mergeLockTrees` wrote, with the same machine-readable record a regenerate commit has
 * (counts per dataset against the base, the shards' tool versions, the data fingerprint).
 */
export async function commitMergedLocks(
  repoRoot: string,
  merged: MergeTreesResult,
  shards: number,
): Promise<{ commit?: string; message?: string }> {
  const files = [...merged.written, ...merged.removed];
  if (merged.conflicts.length > 0 || files.length === 0) return {};
  const message = commitMessage({
    datasets: Object.fromEntries(merged.datasets.map((d) => [d.dataset, d.counts])),
    tools: mergeTools(merged.datasets.filter((d) => d.changed).map((d) => d.tools)),
    dataFingerprint: dataFingerprint(new Map(merged.datasets.map((d) => [d.dataset, d.entries]))),
    shard: `merged from ${shards}`,
  });
  const commit = await commitLocks(repoRoot, files, message);
  return commit ? { commit, message } : {};
}
