import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { copyBenchmarkContent } from '../../../actions/lib/demo/scratch-repository.js';
import { REPO_ROOT } from '../repository-copy.js';
import { createOrigin, type OriginRepository } from './origin-repository.js';

/**
 * This repository's benchmark content with the actions' committed bundles (what a checkout of the
 * base holds, so `./.trusted-base/actions/<name>` runs), pushed as `main` of `repository` on the
 * git server's project root.
 */
export async function benchmarkOrigin(projectRoot: string, repository: string): Promise<OriginRepository> {
  const content = await mkdtemp(path.join(tmpdir(), 'cm-origin-content-'));
  try {
    await copyBenchmarkContent(REPO_ROOT, content);
    for (const action of ['validate', 'guard'])
      await cp(
        path.join(REPO_ROOT, 'actions', action, 'dist'),
        path.join(content, 'actions', action, 'dist'),
        {
          recursive: true,
        },
      );
    return createOrigin(projectRoot, repository, content);
  } finally {
    await rm(content, { recursive: true, force: true });
  }
}
