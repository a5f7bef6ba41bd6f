import { mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runGit } from '../../../actions/lib/tools/run-git.js';
import { copyRepositoryContent } from '../../helpers/repository-copy.js';

/** Runs git in a test repository with a fixed identity, so commits work on any machine. */
export function git(root: string, args: string[]): Promise<string> {
  return runGit(root, [
    '-c',
    'user.name=Test',
    '-c',
    'user.email=test@example.com',
    '-c',
    'commit.gpgsign=false',
    ...args,
  ]);
}

/** A real git repository in a temp dir holding a copy of this repository's content, committed on `main`. */
export async function committedCopy(): Promise<{ root: string; cleanup: () => Promise<void> }> {
  const copy = await copyRepositoryContent();
  await git(copy.root, ['init', '-q', '-b', 'main']);
  await git(copy.root, ['add', '-A']);
  await git(copy.root, ['commit', '-q', '-m', 'base']);
  return copy;
}

/** Writes an event payload like the runner's `$GITHUB_EVENT_PATH` and returns its path. */
/**
 * A committed copy on `main` with branch `feature` checked out, as a pull request starts: its base
 * commit, and the event of a private repository whose default branch is main.
 */
export async function pullRequestCopy(): Promise<{
  root: string;
  cleanup: () => Promise<void>;
  base: string;
  eventPath: string;
}> {
  const { root, cleanup } = await committedCopy();
  const base = (await git(root, ['rev-parse', 'HEAD'])).trim();
  await git(root, ['checkout', '-q', '-b', 'feature']);
  const eventPath = await writeEvent(tmpdir(), { repository: { private: true, default_branch: 'main' } });
  return { root, cleanup, base, eventPath };
}

export async function writeEvent(dir: string, payload: unknown): Promise<string> {
  const file = path.join(dir, `event-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(file, JSON.stringify(payload));
  return file;
}

/** Writes (or, for null, deletes) files in a test repository, commits them all and returns the commit. */
export async function commitFiles(
  root: string,
  files: Record<string, Buffer | string | null>,
  message: string,
): Promise<string> {
  for (const [file, content] of Object.entries(files)) {
    const full = path.join(root, file);
    if (content === null) {
      await rm(full, { force: true });
    } else {
      await mkdir(path.dirname(full), { recursive: true });
      await writeFile(full, content);
    }
  }
  await git(root, ['add', '-A']);
  await git(root, ['commit', '-q', '--allow-empty', '-m', message]);
  return (await git(root, ['rev-parse', 'HEAD'])).trim();
}
