// regenerate.yml's chain in the runner harness, on Node 20 and 24: four shard jobs (checkout, the
// action with `shard: N/4`, commit none, publish none), artifacts holding the lock files only, then
// the merge job (checkout, download, the action in mode merge with commit local and publish
// pull-request) against the git HTTP and REST doubles.
import { cpSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodePng } from '../../actions/lib/render/encode-png.js';
import { checkout } from '../helpers/runner/checkout.js';
import { type GitHubDoubles, startDoubles, WRITE_TOKEN } from '../helpers/runner/doubles.js';
import { scheduleEvent } from '../helpers/runner/event-payloads.js';
import { git } from '../helpers/runner/git.js';
import { NODE_RUNTIMES, type NodeRuntime } from '../helpers/runner/node-runtimes.js';
import { createOrigin } from '../helpers/runner/origin-repository.js';
import { type ActionRun, runAction } from '../helpers/runner/run-action.js';

const BRANCH = 'clinical-manifests/regenerate-locks';
let doubles: GitHubDoubles | undefined;
let root: string;
afterEach(async () => {
  await doubles?.close();
  doubles = undefined;
  await rm(root, { recursive: true, force: true });
});

/** A benchmark repository with one bulk selection over PNG sources, pushed to the private git double. */
async function setUp(options: { refusePullRequests?: boolean } = {}) {
  root = await mkdtemp(path.join(tmpdir(), 'cm-regen-chain-'));
  doubles = await startDoubles({
    private: true,
    api: { refusePullRequestCreation: options.refusePullRequests ?? false },
  });
  const content = path.join(root, 'content');
  mkdirSync(path.join(content, 'manifests/selections'), { recursive: true });
  mkdirSync(path.join(content, 'manifests/locks'), { recursive: true });
  writeFileSync(path.join(content, 'manifests/locks/.gitkeep'), '');
  writeFileSync(path.join(content, '.gitignore'), '/outputs/\n');
  writeFileSync(
    path.join(content, 'manifests/selections/toyset-all.json'),
    `${JSON.stringify({ id: 'toyset-all', dataset: 'toyset', include: ['images/**/*.png'], recipe: { kind: 'image' }, output_dir: 'bulk/toyset' }, null, 2)}\n`,
  );
  const origin = createOrigin(doubles.projectRoot, doubles.repository, content);
  const data = path.join(root, 'data');
  return { origin, data, doubles };
}

async function writeSources(data: string, from: number, to: number): Promise<void> {
  for (let i = from; i < to; i++) {
    const file = path.join(data, 'toyset/images', `p${String(i).padStart(3, '0')}.png`);
    mkdirSync(path.dirname(file), { recursive: true });
    const pixels = new Uint8Array(16 * 8).map((_, k) => (k * 7 + i * 31) & 0xff);
    writeFileSync(
      file,
      await encodePng({ width: 16, height: 8, channels: 1, data: pixels, resolved: { frame: 0 } }),
    );
  }
}

/** The whole workflow once: four shard jobs, the artifacts, the merge job. Returns the merge step. */
async function chain(
  node: NodeRuntime,
  run: number,
  setup: Awaited<ReturnType<typeof setUp>>,
): Promise<{ merge: ActionRun; shards: ActionRun[]; artifactFiles: string[] }> {
  const { doubles: d, data } = setup;
  const sha = git(setup.origin.bare, ['rev-parse', 'main']);
  const event = scheduleEvent({ repository: d.repository, private: true }, sha);
  const common = { serverUrl: d.git.url, repository: d.repository, token: WRITE_TOKEN };
  const artifacts = path.join(root, `run-${run}`, 'artifacts');
  const shards: ActionRun[] = [];
  for (const shard of [1, 2, 3, 4]) {
    const workspace = path.join(root, `run-${run}`, `shard-${shard}`);
    await checkout({ ...common, workspace, ref: { sha }, persistCredentials: false });
    const step = await runAction({
      action: 'regenerate',
      workspace,
      node,
      event,
      repository: d.repository,
      serverUrl: d.git.url,
      apiUrl: d.api.url,
      token: WRITE_TOKEN,
      // What the self-hosted runner's .env provides.
      env: { CLINICAL_DATA_ROOT: data, CLINICAL_MANIFESTS_CACHE_DIR: path.join(root, `cache-${shard}`) },
      inputs: {
        datasets: '',
        shard: `${shard}/4`,
        force: 'false',
        commit: 'none',
        publish: 'none',
        'fail-on-failed-items': 'false',
        'out-dir': path.join(root, `outputs-${shard}`),
      },
    });
    expect(step.code, step.log).toBe(0);
    shards.push(step);
    // actions/upload-artifact with `path: manifests/locks`: the folder's contents, under the artifact's name.
    cpSync(path.join(workspace, 'manifests/locks'), path.join(artifacts, `locks-shard-${shard}`), {
      recursive: true,
    });
  }
  const artifactFiles = (readdirSync(artifacts, { recursive: true }) as string[]).filter((f) =>
    /\.[a-z]+$/i.test(f),
  );
  const workspace = path.join(root, `run-${run}`, 'merge');
  const runnerTemp = path.join(root, `run-${run}`, 'merge-temp');
  await checkout({ ...common, workspace, ref: { sha }, persistCredentials: false });
  // actions/download-artifact with `pattern: locks-shard-*` and `path: ${{ runner.temp }}/shard-locks`.
  cpSync(artifacts, path.join(runnerTemp, 'shard-locks'), { recursive: true });
  const merge = await runAction({
    action: 'regenerate',
    workspace,
    node,
    event,
    runnerTemp,
    repository: d.repository,
    serverUrl: d.git.url,
    apiUrl: d.api.url,
    token: WRITE_TOKEN,
    inputs: {
      mode: 'merge',
      'merge-from': [1, 2, 3, 4].map((n) => `${runnerTemp}/shard-locks/locks-shard-${n}`).join('\n'),
      commit: 'local',
      publish: 'pull-request',
      token: WRITE_TOKEN,
    },
  });
  return { merge, shards, artifactFiles };
}

function branchEntries(bare: string): number {
  const lock = JSON.parse(git(bare, ['show', `${BRANCH}:manifests/locks/toyset.json`]));
  return (lock.entries ?? lock.outputs ?? []).length;
}

describe.each(NODE_RUNTIMES)('regenerate.yml chain, on %s', (node) => {
  it('keeps every entry of four shards in one pull request, and a second run updates that one', async () => {
    const setup = await setUp();
    await writeSources(setup.data, 0, 10);
    const first = await chain(node, 1, setup);
    expect(first.merge.code, first.merge.log).toBe(0);
    // The artifacts hold lock files only: hashes and numbers, no image.
    expect(first.artifactFiles.length).toBeGreaterThan(0);
    for (const f of first.artifactFiles) expect(f).toMatch(/\.json$|\.gitkeep$/);
    expect(first.merge.outputs['pushed-ref']).toBe(`refs/heads/${BRANCH}`);
    expect(first.merge.outputs['pull-request']).toBe('1');
    expect(setup.doubles.api.pulls).toHaveLength(1);
    expect(branchEntries(setup.origin.bare)).toBe(10);
    expect(first.merge.summary).toContain('| toyset | 10 | 0 | 0 | 0 |');
    expect(first.merge.summary).toMatch(/Pull request: .*\/pull\/1 \(opened\)/);
    for (const step of [first.merge, ...first.shards]) expect(step.log).not.toContain(WRITE_TOKEN);

    await writeSources(setup.data, 10, 13);
    // The open pull request escapes the first list (as if opened meanwhile): creation answers 422, and
    // the action updates the one that exists instead of failing or opening a second.
    setup.doubles.api.options.hideFromNextLists = 1;
    const second = await chain(node, 2, setup);
    expect(second.merge.code, second.merge.log).toBe(0);
    expect(setup.doubles.api.pulls).toHaveLength(1);
    expect(second.merge.outputs['pull-request']).toBe('1');
    expect(second.merge.summary).toMatch(/Pull request: .*\/pull\/1 \(updated\)/);
    expect(branchEntries(setup.origin.bare)).toBe(13);
    expect(setup.doubles.api.requests.filter((r) => r.method === 'PATCH' && r.status === 200)).toHaveLength(
      1,
    );
  });

  it('leaves the summary and pushed-ref when the repository refuses pull requests from Actions', async () => {
    const setup = await setUp({ refusePullRequests: true });
    await writeSources(setup.data, 0, 4);
    const { merge } = await chain(node, 1, setup);
    expect(merge.code).toBe(1);
    expect(merge.outputs['pushed-ref']).toBe(`refs/heads/${BRANCH}`);
    expect(branchEntries(setup.origin.bare)).toBe(4);
    expect(merge.summary).toContain('| toyset | 4 | 0 | 0 | 0 |');
    expect(merge.summary).toMatch(/Pull request not opened/);
    expect(merge.annotations.find((a) => a.kind === 'error')?.message).toMatch(
      /pushed refs\/heads\/clinical-manifests\/regenerate-locks, but the pull request .* \(HTTP 403\): GitHub Actions is not permitted to create or approve pull requests.*Allow GitHub Actions to create and approve pull requests/,
    );
    expect(setup.doubles.api.pulls).toHaveLength(0);
  });
});
