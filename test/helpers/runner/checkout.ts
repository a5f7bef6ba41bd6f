import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { basicAuthHeader } from '../../../actions/lib/action/git-auth.js';
import { gitAsync as git } from './git.js';

/**
 * A checkout made the way actions/checkout@v4 makes one: `git init`, origin = the server URL, the
 * token as an `http.<server>/.extraheader` for the fetch, `fetch --depth=1` of the one commit (or,
 * with fetch-depth 0, every branch and tag first), a detached checkout, and with
 * `persist-credentials: false` the header removed afterwards, so nothing in the clone can authenticate.
 */
export interface CheckoutOptions {
  /** GITHUB_SERVER_URL (the git HTTP double's URL). */
  serverUrl: string;
  /** `owner/name`. */
  repository: string;
  token: string;
  /** The workspace; `path` is relative to it, like the action's input. */
  workspace: string;
  path?: string;
  /** A commit sha (`ref: <sha>`), or for a pull_request event the pull request's number (checks out refs/pull/N/merge). */
  ref: { sha: string } | { pullRequest: number; sha: string };
  fetchDepth?: number;
  persistCredentials?: boolean;
}

export async function checkout(options: CheckoutOptions): Promise<string> {
  const dir = path.resolve(options.workspace, options.path ?? '.');
  mkdirSync(dir, { recursive: true });
  const server = options.serverUrl.replace(/\/+$/, '');
  const headerKey = `http.${server}/.extraheader`;
  await git(dir, ['init', '-q']);
  await git(dir, ['remote', 'add', 'origin', `${server}/${options.repository}`]);
  await git(dir, ['config', '--local', 'gc.auto', '0']);
  await git(dir, ['config', '--local', headerKey, `AUTHORIZATION: ${basicAuthHeader(options.token)}`]);
  const depth = options.fetchDepth ?? 1;
  const fetch = ['-c', 'protocol.version=2', 'fetch', '--no-tags', '--prune', '--no-recurse-submodules'];
  const target =
    'pullRequest' in options.ref ? `refs/remotes/pull/${options.ref.pullRequest}/merge` : undefined;
  if (depth === 0) {
    await git(dir, [
      ...fetch.filter((a) => a !== '--no-tags'),
      'origin',
      '+refs/heads/*:refs/remotes/origin/*',
      '+refs/tags/*:refs/tags/*',
    ]);
    await git(dir, [...fetch, 'origin', target ? `+${options.ref.sha}:${target}` : options.ref.sha]);
  } else {
    await git(dir, [
      ...fetch,
      `--depth=${depth}`,
      'origin',
      target ? `+${options.ref.sha}:${target}` : options.ref.sha,
    ]);
  }
  await git(dir, ['checkout', '-q', '--force', target ?? options.ref.sha]);
  if (!(options.persistCredentials ?? true)) await git(dir, ['config', '--local', '--unset-all', headerKey]);
  return dir;
}
