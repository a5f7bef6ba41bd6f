import { getOctokit } from '@actions/github';
import { gitAuthEnv } from '../action/git-auth.js';
import { retryOnRateLimit } from '../action/retry-after.js';
import { messageOf, UsageError } from '../errors.js';
import type { Logger } from '../logger.js';
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

/**
 * The branch was pushed but the pull request could not be opened or updated (e.g. the repository
 * does not let GitHub Actions create pull requests): `ref` says what was pushed, so the caller can
 * still report it.
 */
export class PublishError extends UsageError {
  override name = 'PublishError';
  constructor(
    readonly ref: string,
    message: string,
    readonly httpStatus?: number,
  ) {
    super(message);
  }
}

export interface PublishResult {
  /** The ref pushed to. */
  ref: string;
  pullRequest?: { number: number; url: string; created: boolean };
}

export { gitAuthEnv };

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
  const ref = `refs/heads/${options.branch}`;
  try {
    return { ref, pullRequest: await openOrUpdate(options, owner, repo) };
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    const httpStatus = typeof status === 'number' ? status : undefined;
    const why = messageOf(error).split(options.token).join('***');
    const hint = /not permitted to create or approve pull requests/i.test(why)
      ? ' Allow it under Settings → Actions → General → "Allow GitHub Actions to create and approve pull requests", or open the pull request by hand.'
      : '';
    throw new PublishError(
      ref,
      `pushed ${ref}, but the pull request into ${options.baseBranch} could not be opened or updated${httpStatus ? ` (HTTP ${httpStatus})` : ''}: ${why}.${hint}`,
      httpStatus,
    );
  }
}

type Octokit = ReturnType<typeof getOctokit>;

async function findOpen(octokit: Octokit, options: PublishOptions, owner: string, repo: string) {
  const open = await octokit.rest.pulls.list({
    owner,
    repo,
    state: 'open',
    head: `${owner}:${options.branch}`,
    base: options.baseBranch,
  });
  return open.data[0];
}

/** Updates the one open pull request from the branch, or opens it (a 422 "already exists" from a race: update). */
async function openOrUpdate(
  options: PublishOptions,
  owner: string,
  repo: string,
): Promise<NonNullable<PublishResult['pullRequest']>> {
  const octokit = retryOnRateLimit(
    getOctokit(options.token, { baseUrl: options.apiUrl.replace(/\/+$/, '') }),
  );
  const update = async (existing: { number: number; html_url: string }) => {
    await octokit.rest.pulls.update({
      owner,
      repo,
      pull_number: existing.number,
      title: options.title,
      body: options.body,
    });
    options.logger.info(`updated pull request #${existing.number}`);
    return { number: existing.number, url: existing.html_url, created: false };
  };
  const existing = await findOpen(octokit, options, owner, repo);
  if (existing) return update(existing);
  try {
    const created = await octokit.rest.pulls.create({
      owner,
      repo,
      head: options.branch,
      base: options.baseBranch,
      title: options.title,
      body: options.body,
    });
    options.logger.info(`opened pull request #${created.data.number}`);
    return { number: created.data.number, url: created.data.html_url, created: true };
  } catch (error) {
    const raced =
      (error as { status?: unknown }).status === 422 && (await findOpen(octokit, options, owner, repo));
    if (raced) return update(raced);
    throw error;
  }
}
