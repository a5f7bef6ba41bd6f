import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { git } from './git.js';

/**
 * A repository on the git HTTP double, laid out as GitHub keeps one with an open pull request:
 * `main` (the base commit), the pull request's branch, `refs/pull/N/head`, and `refs/pull/N/merge`
 * (GitHub's test merge of head into base, what actions/checkout checks out on a pull_request event).
 */
export interface OriginRepository {
  /** The bare repository (under the HTTP server's project root). */
  bare: string;
  /** `owner/name`. */
  repository: string;
  base: string;
  head?: string;
  merge?: string;
  pullNumber?: number;
}

/** Creates `<projectRoot>/<owner>/<name>` from the files in `content` as one commit on `main`. */
export function createOrigin(projectRoot: string, repository: string, content: string): OriginRepository {
  const bare = path.join(projectRoot, repository);
  mkdirSync(path.dirname(bare), { recursive: true });
  git(projectRoot, ['init', '-q', '--bare', '-b', 'main', bare]);
  // GitHub serves any reachable commit by its sha (actions/checkout fetches `ref: <sha>` so).
  git(bare, ['config', 'uploadpack.allowAnySHA1InWant', 'true']);
  git(bare, ['config', 'http.receivepack', 'true']);
  const work = mkdtempSync(path.join(tmpdir(), 'cm-origin-work-'));
  try {
    cpSync(content, work, { recursive: true });
    git(work, ['init', '-q', '-b', 'main']);
    git(work, ['add', '-A']);
    git(work, ['commit', '-q', '-m', 'Base']);
    git(work, ['push', '-q', bare, 'main']);
    return { bare, repository, base: git(work, ['rev-parse', 'HEAD']) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Opens pull request `number` from `branch`: `edit` changes a work tree of the base (one commit),
 * and the head, `refs/pull/N/head` and the test merge `refs/pull/N/merge` are pushed. Called again
 * with the same number, it force-pushes the pull request anew.
 */
export function openPullRequest(
  origin: OriginRepository,
  number: number,
  branch: string,
  edit: (workTree: string) => void,
): Required<OriginRepository> {
  const work = mkdtempSync(path.join(tmpdir(), 'cm-origin-pr-'));
  try {
    git(work, ['clone', '-q', origin.bare, '.']);
    git(work, ['checkout', '-q', '-b', branch]);
    edit(work);
    git(work, ['add', '-A']);
    git(work, ['commit', '-q', '--allow-empty', '-m', `Pull request ${number}`]);
    const head = git(work, ['rev-parse', 'HEAD']);
    git(work, ['checkout', '-q', '--detach', origin.base]);
    git(work, ['merge', '-q', '--no-ff', '-m', `Merge ${head} into ${origin.base}`, head]);
    const merge = git(work, ['rev-parse', 'HEAD']);
    git(work, [
      'push',
      '-q',
      origin.bare,
      // Forced: a second call is a force-push to the pull request (GitHub then remakes the test merge).
      `+${head}:refs/heads/${branch}`,
      `+${head}:refs/pull/${number}/head`,
      `+${merge}:refs/pull/${number}/merge`,
    ]);
    return { ...origin, head, merge, pullNumber: number };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
