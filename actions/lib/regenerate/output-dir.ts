import { mkdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { isInside } from '../fs/real-paths.js';
import { isIgnored } from '../tools/run-git.js';
import { runProcess } from '../tools/run-process.js';
import { rootFingerprint } from './hash-cache.js';

/** The default outputs directory: under the per-user cache, one per data root, never in a repository. */
export function defaultOutDir(cacheDir: string, dataRoot: string): string {
  return path.join(cacheDir, 'outputs', rootFingerprint(dataRoot));
}

/** The top of the git work tree holding `dir`, or undefined when it is not in one. */
export async function workTreeOf(dir: string): Promise<string | undefined> {
  const result = await runProcess('git', ['rev-parse', '--show-toplevel'], { cwd: dir });
  if (result.code !== 0) return undefined;
  return realpath(result.stdout.toString('utf8').trim());
}

/** Resolves through symlinks as far as the path exists, so a link into the repository is caught. */
async function realpathLoose(p: string): Promise<string> {
  const absolute = path.resolve(p);
  const missing: string[] = [];
  let current = absolute;
  for (;;) {
    try {
      return path.join(await realpath(current), ...missing.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return absolute;
      missing.push(path.basename(current));
      current = parent;
    }
  }
}

/**
 * Refuses (UsageError, exit 2) an outputs directory that git in `repoRoot`'s work tree would track:
 * inside the work tree and not ignored. Creates the directory when it is acceptable.
 */
export async function checkOutDir(repoRoot: string, outDir: string): Promise<string> {
  const out = await realpathLoose(outDir);
  const top = (await workTreeOf(repoRoot)) ?? (await realpathLoose(repoRoot));
  if (isInside(top, out)) {
    const relative = path.relative(top, out).split(path.sep).join('/');
    if (relative === '' || !(await isIgnored(top, `${relative}/`))) {
      throw new UsageError(
        `output directory ${outDir} is inside the repository and not ignored by git: processed images must never be committed; use a directory outside the repository or add it to .gitignore`,
      );
    }
  }
  await mkdir(out, { recursive: true });
  return out;
}
