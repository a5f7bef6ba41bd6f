import { loadDatasetManifests } from '../../actions/lib/datasets/load-datasets.js';
import { UsageError } from '../../actions/lib/errors.js';
import { didYouMean } from './did-you-mean.js';

/**
 * Refuses (usage error, exit 2) any id that names no dataset the repository knows, naming the nearest
 * and every known id; a typo must never run as "nothing to do" and pass. Returns the known ids.
 */
export async function checkDatasetIds(repo: string, ids: readonly string[] | undefined): Promise<string[]> {
  const known = (await loadDatasetManifests(repo)).datasets.map((d) => d.id);
  for (const id of ids ?? []) {
    if (!known.includes(id))
      throw new UsageError(
        `unknown dataset "${id}"${didYouMean(id, known)}; known: ${known.join(', ') || 'none'}`,
      );
  }
  return known;
}
