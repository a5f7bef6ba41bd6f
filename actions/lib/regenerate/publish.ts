import { getOctokit } from '@actions/github';
import { UsageError } from '../errors.js';
import type { Logger } from '../logger.js';
import { gitEnv } from '../tools/run-git.js';
import { runProcess } from '../tools/run-process.js';

export interface PublishOptions {
  repoRoot: string;
  /** `pull-request`: push a branch and open or update one pull request; `push`: push to the base branch. */
  mode: 'pull-request' | 'push';
  token: string;
  /** `owner/name`. */
  repository: string;
  /** e.g. https://github.com: the push authenticates against this host only. */
  serverUrl: string;
  /** e.g. https://api.github.com (GITHUB_API_URL). */
  apiUrl: string;
  /** The default branch the locks are for. */
  baseBranch: string;
  /** The pull request's branch. */
  branch: string;
  title: string;
  body: string;
  remote?: string;
  logger: Logger;
}

export interface PublishResult {
  /** The ref pushed to. */
  ref: string;
  pullRequest?: { number: number; url: string; created: boolean };
}

/**
 * Environment that gives one git process an Authorization header for `serverUrl`, through git's
 * GIT_CONFIG_* variables: the token is never on a command line (visible in `ps`), never written to
 * .git/config, and gone when the process ends, so there is nothing to restore.
 */
export function gitAuthEnv(
  serverUrl: string,
  token: string,
  base: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  const basic = Buffer.from(`x-access-token:${token}`, 'utf8').toString('base64');
  return {
    ...gitEnv(base),
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: `http.${serverUrl.replace(/\/+$/, '')}/.extraheader`,
    GIT_CONFIG_VALUE_0: `AUTHORIZATION: basic ${basic}`,
  };
}

async function push(options: PublishOptions, refspec: string, force: boolean): Promise<void> {
  const args = ['push', ...(force ? ['--force'] : []), options.remote ?? 'origin', refspec];
  const result = await runProcess('git', args, {
    cwd: options.repoRoot,
    env: gitAuthEnv(options.serverUrl, options.token),
  });
  if (result.code !== 0) {
    // git's message can echo the remote URL but never the header; still, never print the token.
    const message = result.stderr.split(options.token).join('***').trim().split('\n').slice(-3).join(' ');
    throw new UsageError(`git push failed: ${message}`);
  }
}

/**
 * Publishes the commit at HEAD: either pushes it to the base branch, or force-pushes it to one
 * branch and opens a pull request from it, or updates the one already open (so scheduled runs
 * never pile up pull requests).
 */
export async function publishCommit(options: PublishOptions): Promise<PublishResult> {
  const [owner, repo] = options.repository.split('/');
  if (!owner || !repo) throw new UsageError(`repository must be owner/name (got "${options.repository}")`);
  if (options.mode === 'push') {
    await push(options, `HEAD:refs/heads/${options.baseBranch}`, false);
    options.logger.info(`pushed to ${options.baseBranch}`);
    return { ref: `refs/heads/${options.baseBranch}` };
  }
  await push(options, `HEAD:refs/heads/${options.branch}`, true);
  const octokit = getOctokit(options.token, { baseUrl: options.apiUrl.replace(/\/+$/, '') });
  const open = await octokit.rest.pulls.list({
    owner,
    repo,
    state: 'open',
    head: `${owner}:${options.branch}`,
    base: options.baseBranch,
  });
  const existing = open.data[0];
  if (existing) {
    await octokit.rest.pulls.update({
      owner,
      repo,
      pull_number: existing.number,
      title: options.title,
      body: options.body,
    });
    options.logger.info(`updated pull request #${existing.number}`);
    return {
      ref: `refs/heads/${options.branch}`,
      pullRequest: { number: existing.number, url: existing.html_url, created: false },
    };
  }
  const created = await octokit.rest.pulls.create({
    owner,
    repo,
    head: options.branch,
    base: options.baseBranch,
    title: options.title,
    body: options.body,
  });
  options.logger.info(`opened pull request #${created.data.number}`);
  return {
    ref: `refs/heads/${options.branch}`,
    pullRequest: { number: created.data.number, url: created.data.html_url, created: true },
  };
}
