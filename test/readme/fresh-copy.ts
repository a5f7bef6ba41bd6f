/**
 * A fresh copy of the repository to run README commands in, as a reader who ran `npm ci` has it: the
 * work tree's files (tracked and new, not ignored) in a new git repository with one commit,
 * `node_modules` whose packages link to the shared install (never written to), the CLI bundle built
 * into `dist/` as `npm ci` builds it, and `clinical-manifests` in `node_modules/.bin` as npm links a
 * package's bin. HOME is an empty folder, so `~/data` stays inside the copy's temp space; npm runs
 * offline.
 */
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readlink, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { cliBuildOptions } from '../../scripts/esbuild-options.js';
import { REPO_ROOT } from '../helpers/repository-copy.js';

export interface FreshCopy {
  root: string;
  home: string;
  env: NodeJS.ProcessEnv;
  cleanup: () => Promise<void>;
}

const git = (cwd: string, args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

export async function freshCopy(): Promise<FreshCopy> {
  const base = await mkdtemp(path.join(tmpdir(), 'cm-readme-'));
  const root = path.join(base, 'repo');
  const home = path.join(base, 'home');
  await mkdir(home, { recursive: true });
  const files = git(REPO_ROOT, ['ls-files', '-z', '--cached', '--others', '--exclude-standard'])
    .split('\0')
    .filter(Boolean);
  for (const file of files) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await copyFile(path.join(REPO_ROOT, file), path.join(root, file)).catch((error) => {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error; // deleted in the work tree
    });
  }
  await linkNodeModules(root);
  await build({ ...cliBuildOptions(path.join(root, 'dist')), logLevel: 'error' });

  const env: NodeJS.ProcessEnv = {
    PATH: `${path.join(root, 'node_modules/.bin')}${path.delimiter}${process.env.PATH ?? ''}`,
    HOME: home,
    LANG: 'C.UTF-8',
    NO_COLOR: '1',
    npm_config_offline: 'true',
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_cache: path.join(home, '.npm'),
    GIT_AUTHOR_NAME: 'readme',
    GIT_AUTHOR_EMAIL: 'readme@example.invalid',
    GIT_COMMITTER_NAME: 'readme',
    GIT_COMMITTER_EMAIL: 'readme@example.invalid',
  };
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: root, env });
  execFileSync('git', ['add', '-A'], { cwd: root, env });
  execFileSync('git', ['commit', '-q', '-m', 'fresh copy'], { cwd: root, env });
  return { root, home, env, cleanup: () => rm(base, { recursive: true, force: true }) };
}

/** node_modules as a folder of links to the shared packages, with the repository's own bin added. */
async function linkNodeModules(root: string): Promise<void> {
  const shared = path.join(REPO_ROOT, 'node_modules');
  const local = path.join(root, 'node_modules');
  await mkdir(path.join(local, '.bin'), { recursive: true });
  for (const entry of await readdir(shared)) {
    if (entry === '.bin') continue;
    await symlink(path.join(shared, entry), path.join(local, entry));
  }
  for (const bin of await readdir(path.join(shared, '.bin')))
    await symlink(await readlink(path.join(shared, '.bin', bin)), path.join(local, '.bin', bin));
  await symlink('../../scripts/clinical-manifests.js', path.join(local, '.bin/clinical-manifests'));
}
