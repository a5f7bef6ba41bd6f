import path from 'node:path';
import { UsageError } from '../errors.js';
import { isInside } from '../fs/real-paths.js';
import { workTreeOf } from './output-dir.js';

/**
 * Refuses (UsageError, exit 2) a data root the repository could track: inside the repository's git
 * work tree, ignored or not — an ignore rule is one edit away from `git add`, and the guard reads
 * ignored folders as data. `realDataRoot` has every symlink resolved, so a link into the work tree
 * is caught too. `given` is the path as the user gave it, for the message.
 */
export async function checkDataRoot(
  realRepoRoot: string,
  realDataRoot: string,
  given: string,
): Promise<void> {
  const top = (await workTreeOf(realRepoRoot)) ?? realRepoRoot;
  if (isInside(top, realDataRoot)) {
    const where = path.relative(top, realDataRoot) || '.';
    throw new UsageError(
      `data root ${given} is inside the repository's work tree (at ${where}): licensed data must never sit where git could add it; move it outside the repository`,
    );
  }
}
