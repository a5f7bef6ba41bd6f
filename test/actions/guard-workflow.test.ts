// The guard as validate.yml runs it: the pull request checked out like actions/checkout (detached
// refs/pull/N/merge, fetch-depth 0, persist-credentials: false) from a git HTTP server, the base
// checked out again into .trusted-base, and `./.trusted-base/actions/guard` run on Node 20 and 24
// against the GitHub REST double.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REVIEW_MARKER } from '../../actions/lib/review/render-review.js';
import { makeDicom } from '../guard/helpers/fixtures.js';
import { benchmarkOrigin } from '../helpers/runner/benchmark-origin.js';
import { checkout } from '../helpers/runner/checkout.js';
import { type GitHubDoubles, READ_TOKEN, startDoubles, WRITE_TOKEN } from '../helpers/runner/doubles.js';
import { pullRequestEvent } from '../helpers/runner/event-payloads.js';
import { NODE_RUNTIMES } from '../helpers/runner/node-runtimes.js';
import { openPullRequest } from '../helpers/runner/origin-repository.js';
import { runAction } from '../helpers/runner/run-action.js';

let doubles: GitHubDoubles;
let workspace: string;
beforeEach(async () => {
  workspace = await mkdtemp(path.join(tmpdir(), 'cm-workspace-'));
});
afterEach(async () => {
  await doubles?.close();
  await rm(workspace, { recursive: true, force: true });
});

/** A pull request from `branch`: `edit` changes its tree. Returns the event and a job runner. */
async function pullRequest(
  edit: (tree: string) => void,
  options: { private?: boolean; fork?: boolean; rateLimited?: number } = {},
) {
  doubles = await startDoubles({
    private: options.private ?? false,
    api: { rateLimitNext: options.rateLimited ?? 0 },
  });
  const base = await benchmarkOrigin(doubles.projectRoot, doubles.repository);
  let origin = openPullRequest(base, 7, 'feature', edit);
  const eventOf = () =>
    pullRequestEvent(
      // The benchmark repository is private (its scenarios carry labels that may not be redistributed).
      { repository: doubles.repository, private: true },
      {
        number: 7,
        base: origin.base,
        head: origin.head,
        merge: origin.merge,
        branch: 'feature',
        fork: options.fork ?? false,
      },
    );
  let event = eventOf();
  /** A force-push to the pull request: a new head and test merge, and the event of the next run. */
  const push = (next: (tree: string) => void) => {
    origin = openPullRequest(base, 7, 'feature', next);
    event = eventOf();
  };
  const token = options.fork ? READ_TOKEN : WRITE_TOKEN;
  const common = { serverUrl: doubles.git.url, repository: doubles.repository, token, workspace };
  /** validate.yml's guard job: the two checkouts, then the guard from the base. */
  const guardJob = async (
    node: (typeof NODE_RUNTIMES)[number],
    steps: {
      fetchDepth?: number;
      actionFrom?: 'trusted-base' | 'pull-request';
      inputs?: Record<string, string>;
      /** validate.yml's other job: the same two checkouts, then validate from the base. */
      action?: 'guard' | 'validate';
    } = {},
  ) => {
    await rm(workspace, { recursive: true, force: true });
    mkdirSync(workspace);
    await checkout({
      ...common,
      ref: { pullRequest: 7, sha: origin.merge },
      fetchDepth: steps.fetchDepth ?? 0,
      persistCredentials: false,
    });
    await checkout({
      ...common,
      path: '.trusted-base',
      ref: { sha: origin.base },
      persistCredentials: false,
    });
    const action = path.join(
      workspace,
      steps.actionFrom === 'pull-request' ? '.' : '.trusted-base',
      'actions',
      steps.action ?? 'guard',
    );
    return runAction({
      action,
      workspace,
      node,
      event,
      token,
      repository: doubles.repository,
      apiUrl: doubles.api.url,
      serverUrl: doubles.git.url,
      inputs: {
        'repo-path': '.',
        ...(steps.action === 'validate' ? { strict: 'false' } : {}),
        ...steps.inputs,
      },
    });
  };
  return { origin, guardJob, push };
}

describe.each(NODE_RUNTIMES)('guard as validate.yml runs it, on %s', (node) => {
  it('passes a clean pull request: one review comment, updated in place on a rerun, the token masked', async () => {
    const { guardJob, push } = await pullRequest((tree) => {
      writeFileSync(path.join(tree, 'NOTES.md'), 'A note.\n');
    });
    const first = await guardJob(node);
    expect(first.code, first.log).toBe(0);
    expect(first.runtime).toBe(node);
    expect(first.outputs.errors).toBe('0');
    expect(first.summary).toMatch(/Review posted as a new pull-request comment/);
    expect(doubles.api.comments).toHaveLength(1);
    expect(doubles.api.comments[0]!.body).toContain(REVIEW_MARKER);
    const commentId = doubles.api.comments[0]!.id;

    const firstBody = doubles.api.comments[0]!.body;

    // The same commit again (a re-run): the comment is left as it is.
    const rerun = await guardJob(node);
    expect(rerun.code, rerun.log).toBe(0);
    expect(rerun.summary).toMatch(/already up to date/);

    // A new push that removes a scenario: the same comment is rewritten.
    push((tree) => {
      rmSync(path.join(tree, 'scenarios/scenario_020.json'));
    });
    const second = await guardJob(node);
    expect(second.code, second.log).toBe(0);
    expect(second.summary).toMatch(/comment on the pull request updated/);
    expect(doubles.api.comments).toHaveLength(1);
    expect(doubles.api.comments[0]!.id).toBe(commentId);
    expect(doubles.api.comments[0]!.body).not.toBe(firstBody);
    expect(doubles.api.comments[0]!.body).toContain('scenario_020');
    // The token was registered as a secret before anything could print it, and never printed.
    for (const run of [first, rerun, second]) {
      expect(run.masks).toContain(WRITE_TOKEN);
      expect(run.log).not.toContain(WRITE_TOKEN);
      expect(run.stdout.replace(`::add-mask::${WRITE_TOKEN}`, '')).not.toContain(WRITE_TOKEN);
      expect(run.stderr).not.toContain(WRITE_TOKEN);
      expect(run.summary).not.toContain(WRITE_TOKEN);
    }
    // The REST calls carried the token; the comment was created once and never posted twice.
    const posts = doubles.api.requests.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(1);
  });

  it("falls back to the summary on a fork's read-only token (403) without failing", async () => {
    const { guardJob } = await pullRequest(
      (tree) => {
        writeFileSync(path.join(tree, 'NOTES.md'), 'A note.\n');
      },
      { fork: true },
    );
    const run = await guardJob(node);
    expect(run.code, run.log).toBe(0);
    expect(doubles.api.comments).toHaveLength(0);
    expect(doubles.api.requests.some((r) => r.method === 'POST' && r.status === 403)).toBe(true);
    expect(run.summary).toMatch(/cannot write pull-request comments \(HTTP 403/);
    expect(run.summary).toMatch(/## /);
    expect(run.log).not.toContain(READ_TOKEN);
  });

  it('waits out a rate-limit answer (retry-after) and still keeps one comment', async () => {
    const { guardJob } = await pullRequest(
      (tree) => {
        writeFileSync(path.join(tree, 'NOTES.md'), 'A note.\n');
      },
      { rateLimited: 1 },
    );
    const run = await guardJob(node);
    expect(run.code, run.log).toBe(0);
    // Refused once with retry-after, then answered.
    expect(doubles.api.requests.map((r) => `${r.method} ${r.status}`)).toEqual([
      'GET 403',
      'GET 200',
      'POST 201',
    ]);
    expect(doubles.api.comments).toHaveLength(1);
    expect(run.summary).toMatch(/Review posted as a new pull-request comment/);
  });

  it("cannot be switched off by a pull request that edits the guard's code", async () => {
    const { guardJob } = await pullRequest((tree) => {
      // The bundle the runner would execute, and the library it is built from.
      writeFileSync(path.join(tree, 'actions/guard/dist/index.js'), 'process.exit(0);\n');
      mkdirSync(path.join(tree, 'actions/lib/guard'), { recursive: true });
      writeFileSync(
        path.join(tree, 'actions/lib/guard/run-guard.ts'),
        'export const runGuard = () => ({ findings: [] });\n',
      );
      mkdirSync(path.join(tree, 'leak'));
      writeFileSync(path.join(tree, 'leak/scan.dcm'), makeDicom());
    });
    // From the pull request's own checkout (what `uses: ./actions/guard` would run) the edit wins...
    const fromPullRequest = await guardJob(node, { actionFrom: 'pull-request' });
    expect(fromPullRequest.code).toBe(0);
    expect(fromPullRequest.summary).toBe('');
    // ...from .trusted-base, as validate.yml runs it, the verdict is the base's.
    const trusted = await guardJob(node);
    expect(trusted.code).toBe(1);
    expect(Number(trusted.outputs.errors)).toBeGreaterThan(0);
    expect(trusted.annotations.some((a) => a.kind === 'error' && a.file === 'leak/scan.dcm')).toBe(true);
    expect(trusted.summary).toContain('actions/guard/dist/index.js');
  });

  it('validate from .trusted-base judges a pull request that replaces its bundle', async () => {
    const { guardJob } = await pullRequest((tree) => {
      writeFileSync(path.join(tree, 'actions/validate/dist/index.js'), 'process.exit(0);\n');
      const file = path.join(tree, 'scenarios/scenario_009.json');
      const scenario = JSON.parse(readFileSync(file, 'utf8'));
      delete scenario.ground_truth;
      writeFileSync(file, `${JSON.stringify(scenario, null, 2)}\n`);
    });
    const fromPullRequest = await guardJob(node, {
      action: 'validate',
      actionFrom: 'pull-request',
      fetchDepth: 1,
    });
    expect(fromPullRequest.code).toBe(0);
    const trusted = await guardJob(node, { action: 'validate', fetchDepth: 1 });
    expect(trusted.code).toBe(1);
    expect(
      trusted.annotations.some((a) => a.kind === 'error' && a.file === 'scenarios/scenario_009.json'),
    ).toBe(true);
    expect(trusted.summary).toContain('scenario_009.json');
  });

  it('fetches the base into a shallow clone of a private repository with its token (persist-credentials: false), then asks for fetch-depth: 0', async () => {
    const { guardJob, origin } = await pullRequest(
      (tree) => {
        writeFileSync(path.join(tree, 'NOTES.md'), 'A note.\n');
      },
      { private: true },
    );
    // Without a token (what the guard did before): the server answers 401 and the step fails.
    const anonymous = await guardJob(node, { fetchDepth: 1, inputs: { token: '' } });
    expect(anonymous.code).toBe(1);
    expect(anonymous.log).toContain(`base commit ${origin.base} is not in the clone`);
    expect(doubles.git.requests.some((r) => r.status === 401)).toBe(true);
    // With the action's token as a header for that one fetch: the base is fetched and judged.
    const run = await guardJob(node, { fetchDepth: 1 });
    expect(run.log).not.toContain(`base commit ${origin.base} is not in the clone`);
    // The base is there now; the guard still refuses to judge less than base..head, and says how.
    expect(run.code).toBe(1);
    expect(run.log).toMatch(/--head "[0-9a-f]{40}" is not a commit .*fetch-depth: 0/);
    expect(run.log).not.toContain(WRITE_TOKEN);
    expect(run.masks.length).toBeGreaterThanOrEqual(2);
  });
});
