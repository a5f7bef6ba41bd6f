import { existsSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { LAYOUT } from '../repository/repository-layout.js';
import { gitEnv, runGit } from '../tools/run-git.js';
import { runProcess } from '../tools/run-process.js';

/** Fallback identity when the runner has none configured (a fresh self-hosted runner often has not). */
const BOT = { name: 'clinical-manifests', email: 'clinical-manifests@users.noreply.github.com' };

function isLockPath(file: string): boolean {
  return file.startsWith(`${LAYOUT.locksDir}/`) && file.endsWith('.json') && !file.split('/').includes('..');
}

/** The staged paths, and those git counts as binary. */
async function stagedSet(repoRoot: string): Promise<{ files: string[]; binary: string[] }> {
  const names = await runGit(repoRoot, ['diff', '--cached', '--name-only', '--no-renames', '-z']);
  const numstat = await runGit(repoRoot, ['diff', '--cached', '--numstat', '--no-renames', '-z']);
  const binary = numstat
    .split('\0')
    .filter((l) => l.startsWith('-\t-\t'))
    .map((l) => l.slice(4));
  return { files: names.split('\0').filter(Boolean), binary };
}

/**
 * Stages exactly `files` (lock paths relative to the repository root, written or removed by this run),
 * checks that the index then holds only lock files and no binary file, and commits with `message`.
 * Refuses if anything but those files was already staged. Returns the new commit, or undefined when nothing
 * changed.
 */
export async function commitLocks(
  repoRoot: string,
  files: readonly string[],
  message: string,
): Promise<string | undefined> {
  const bad = files.filter((f) => !isLockPath(f));
  if (bad.length > 0) throw new Error(`refusing to stage non-lock paths: ${bad.join(', ')}`);
  // Staged changes to the very lock files being committed are a killed run's `git add`; anything
  // else staged is someone's work in progress, which this commit must not take along.
  const before = await stagedSet(repoRoot);
  const foreign = before.files.filter((f) => !files.includes(f));
  if (foreign.length > 0) {
    throw new UsageError(
      `the index already holds staged changes (${foreign.slice(0, 5).join(', ')}${foreign.length > 5 ? ', …' : ''}); commit or unstage them first`,
    );
  }
  if (files.length === 0) return undefined;
  const tracked = new Set((await runGit(repoRoot, ['ls-files', '-z', '--', LAYOUT.locksDir])).split('\0'));
  // A removed file git never tracked has nothing to stage; naming it would make `git add` fail.
  const stageable = files.filter((f) => tracked.has(f) || existsSync(path.join(repoRoot, f)));
  if (stageable.length === 0) return undefined;
  await runGit(repoRoot, ['add', '--all', '--', ...stageable]);
  const after = await stagedSet(repoRoot);
  const problems = [
    ...after.files.filter((f) => !isLockPath(f)).map((f) => `${f} is not a lock file`),
    ...after.binary.map((f) => `${f} is binary`),
  ];
  if (problems.length > 0) {
    await runGit(repoRoot, ['reset', '-q', '--', ...after.files]);
    throw new Error(`staged set failed its check, nothing committed: ${problems.join('; ')}`);
  }
  if (after.files.length === 0) return undefined;
  const env = gitEnv();
  const identity = await runProcess('git', ['config', 'user.email'], { cwd: repoRoot });
  if (identity.code !== 0 || identity.stdout.toString().trim() === '') {
    env.GIT_AUTHOR_NAME = env.GIT_COMMITTER_NAME = BOT.name;
    env.GIT_AUTHOR_EMAIL = env.GIT_COMMITTER_EMAIL = BOT.email;
  }
  const result = await runProcess('git', ['commit', '-q', '-F', '-'], { cwd: repoRoot, env, input: message });
  if (result.code !== 0)
    throw new UsageError(`git commit failed: ${result.stderr.trim().split('\n').slice(-3).join(' ')}`);
  return (await runGit(repoRoot, ['rev-parse', 'HEAD'])).trim();
}

/** Lock files (added, changed, removed, staged or not) that differ from HEAD. */
export async function uncommittedLocks(repoRoot: string): Promise<string[]> {
  const status = await runGit(repoRoot, [
    'status',
    '--porcelain',
    '-z',
    '--no-renames',
    '--untracked-files=all',
    '--',
    LAYOUT.locksDir,
  ]);
  return status
    .split('\0')
    .filter((line) => line.length > 3)
    .map((line) => line.slice(3))
    .filter((file) => file.endsWith('.json'));
}
