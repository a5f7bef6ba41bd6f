/** The base repository every attempt starts from: this repository's benchmark content committed on `main`. */
import { execFile } from 'node:child_process';
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { copyBenchmarkContent } from '../../actions/lib/demo/scratch-repository.js';
import { REPO_ROOT } from '../helpers/repository-copy.js';
import { PrRepo } from './pr-repo.js';

const run = promisify(execFile);

/** Benchmark content (each action's action.yml included) plus README.md. */
export async function makeBaseRepository(dir: string): Promise<void> {
  await copyBenchmarkContent(REPO_ROOT, dir);
  await cp(path.join(REPO_ROOT, 'README.md'), path.join(dir, 'README.md'));
  const git = (...args: string[]) => run('git', args, { cwd: dir });
  await git('init', '-q', '-b', 'main');
  await git('config', 'user.name', 'Contributor');
  await git('config', 'user.email', 'contributor@example.invalid');
  await git('config', 'commit.gpgsign', 'false');
  await git('config', 'core.symlinks', 'true');
  await git('add', '-A');
  await git('commit', '-q', '-m', 'base');
}

/** A copy of the base repository in `dir`, on a new branch `pr` at `main`. */
export async function forkBase(base: string, dir: string): Promise<PrRepo> {
  await run('cp', ['-a', base, dir]);
  const repo = new PrRepo(dir);
  await repo.git('checkout', '-q', '-b', 'pr');
  return repo;
}
