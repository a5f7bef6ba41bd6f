import path from 'node:path';
import { loadDatasetManifests } from '../../actions/lib/datasets/load-datasets.js';
import { UsageError } from '../../actions/lib/errors.js';
import { listLockFiles } from '../../actions/lib/locks/lock-store.js';
import { loadRequests, requestedDatasets } from '../../actions/lib/regenerate/work-items.js';
import { LAYOUT } from '../../actions/lib/repository/repository-layout.js';
import { didYouMean } from './did-you-mean.js';

/**
 * Refuses (usage error, exit 2) any id that names no dataset the repository knows, naming the nearest
 * and every known id; a typo must never run as "nothing to do" and pass. Returns the known ids.
 */
export async function checkDatasetIds(
  repo: string,
  ids: readonly string[] | undefined,
  also: Iterable<string> = [],
): Promise<string[]> {
  const manifests = (await loadDatasetManifests(repo)).datasets.map((d) => d.id);
  const known = [...new Set([...manifests, ...also])].sort();
  for (const id of ids ?? []) {
    if (!known.includes(id))
      throw new UsageError(
        `unknown dataset "${id}"${didYouMean(id, known)}; known: ${known.join(', ') || 'none'}`,
      );
  }
  return known;
}

/**
 * The datasets a regenerate or verify run can touch: those scenarios and selections ask for and those
 * with locks (a dataset manifest is not required for either).
 */
export async function runDatasets(repo: string): Promise<string[]> {
  const [requests, locks] = await Promise.all([
    loadRequests(repo),
    listLockFiles(path.join(repo, LAYOUT.locksDir)),
  ]);
  return [...new Set([...requestedDatasets(requests), ...locks.keys()])].sort();
}
