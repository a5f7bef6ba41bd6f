import { cp, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { runGit } from '../tools/run-git.js';

/** What a benchmark repository consists of, apart from code: copied into the demo's scratch repository. */
const CONTENT = ['manifests', 'scenarios', '.github', 'CITATIONS.md', '.gitignore'];

const ignoreMissing = (error: NodeJS.ErrnoException) => {
  if (error.code !== 'ENOENT') throw error;
};

/**
 * Copies `source`'s benchmark content (what of CONTENT exists) into `dir`, creating it, with each
 * action's action.yml: the workflows use them as `./actions/<name>`, and a repository whose workflows
 * name local actions it does not hold fails the workflow policy.
 */
export async function copyBenchmarkContent(source: string, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const entry of CONTENT) {
    await cp(path.join(source, entry), path.join(dir, entry), { recursive: true }).catch(ignoreMissing);
  }
  const actions = await readdir(path.join(source, 'actions'), { withFileTypes: true }).catch(() => []);
  for (const entry of actions) {
    if (!entry.isDirectory() || entry.name === 'lib') continue;
    const file = path.join('actions', entry.name, 'action.yml');
    await mkdir(path.join(dir, 'actions', entry.name), { recursive: true });
    await cp(path.join(source, file), path.join(dir, file)).catch(ignoreMissing);
  }
}

/**
 * A git repository in `dir` holding a copy of `source`'s content, committed once, with a local identity,
 * so regenerate can commit to it without touching the user's checkout or git configuration.
 */
export async function createScratchRepository(source: string, dir: string): Promise<void> {
  await copyBenchmarkContent(source, dir);
  await runGit(dir, ['init', '--quiet', '--initial-branch=main']);
  await runGit(dir, ['config', 'user.name', 'clinical-manifests demo']);
  await runGit(dir, ['config', 'user.email', 'demo@clinical-manifests.invalid']);
  await runGit(dir, ['config', 'commit.gpgsign', 'false']);
  await runGit(dir, ['add', '--all']);
  await runGit(dir, ['commit', '--quiet', '-m', 'Scratch copy of the benchmark repository']);
}
