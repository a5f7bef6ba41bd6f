import path from 'node:path';
import { UsageError } from '../errors.js';
import { isIgnored } from '../tools/run-git.js';

/**
 * Where a dataset's files live under a data root: DATA_ROOT/<dataset id>/. Scenario source paths,
 * layout entries and the synthetic data root all count from there.
 */
export function datasetDirectory(dataRoot: string, datasetId: string): string {
  return path.join(dataRoot, datasetId);
}

/**
 * Refuses a data folder inside the repository unless git ignores it: licensed data (and synthetic
 * DICOM headers that look like PHI) must never become committable.
 */
export async function assertNotCommittable(dir: string, repoRoot: string, flag: string): Promise<void> {
  const relative = path.relative(repoRoot, dir);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return;
  if (relative === '' || !(await isIgnored(repoRoot, relative).catch(() => false))) {
    throw new UsageError(
      `${flag} ${dir} is inside the repository and not ignored by git; choose a folder outside it`,
    );
  }
}
