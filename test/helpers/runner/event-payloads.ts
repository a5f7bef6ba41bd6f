/**
 * Webhook payloads in the shape GitHub writes to GITHUB_EVENT_PATH, cut to the fields the actions and
 * workflows read. A `schedule` payload has no `repository` object.
 */
export interface RepositoryShape {
  /** `owner/name`. */
  repository: string;
  private?: boolean;
  defaultBranch?: string;
}

function repositoryObject(r: RepositoryShape) {
  const [owner, name] = r.repository.split('/');
  return {
    name,
    full_name: r.repository,
    owner: { login: owner, type: 'Organization' },
    private: r.private ?? false,
    visibility: r.private ? 'private' : 'public',
    default_branch: r.defaultBranch ?? 'main',
    fork: false,
  };
}

export interface RunnerEvent {
  name: string;
  payload: Record<string, unknown>;
  /** GITHUB_REF and GITHUB_SHA for this event. */
  ref: string;
  sha: string;
}

/** A pull_request event (`synchronize`), from a branch of the same repository or from a fork. */
export function pullRequestEvent(
  r: RepositoryShape,
  pr: { number: number; base: string; head: string; merge: string; branch: string; fork?: boolean },
): RunnerEvent {
  const repo = repositoryObject(r);
  const headRepo = pr.fork
    ? {
        ...repo,
        full_name: `contributor/${repo.name}`,
        owner: { login: 'contributor', type: 'User' },
        fork: true,
      }
    : repo;
  return {
    name: 'pull_request',
    ref: `refs/pull/${pr.number}/merge`,
    sha: pr.merge,
    payload: {
      action: 'synchronize',
      number: pr.number,
      pull_request: {
        number: pr.number,
        state: 'open',
        head: { sha: pr.head, ref: pr.branch, repo: headRepo },
        base: { sha: pr.base, ref: r.defaultBranch ?? 'main', repo },
      },
      repository: repo,
      sender: { login: 'contributor' },
    },
  };
}

/** A scheduled run: the default branch, and no `repository` in the payload. */
export function scheduleEvent(r: RepositoryShape, sha: string): RunnerEvent {
  return {
    name: 'schedule',
    ref: `refs/heads/${r.defaultBranch ?? 'main'}`,
    sha,
    payload: { schedule: '23 2 * * 1' },
  };
}

/** A manual dispatch from `branch`. */
export function workflowDispatchEvent(
  r: RepositoryShape,
  sha: string,
  branch = r.defaultBranch ?? 'main',
  inputs: Record<string, string> = {},
): RunnerEvent {
  return {
    name: 'workflow_dispatch',
    ref: `refs/heads/${branch}`,
    sha,
    payload: {
      inputs,
      ref: `refs/heads/${branch}`,
      repository: repositoryObject(r),
      sender: { login: 'octocat' },
    },
  };
}
