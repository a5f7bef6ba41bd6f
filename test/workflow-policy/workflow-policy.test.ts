import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Finding } from '../../actions/lib/findings/finding.js';
import { checkWorkflowFiles } from '../../actions/lib/workflow-policy/check-workflow-files.js';
import { REPO_ROOT } from '../helpers/repository-copy.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'cm-wf-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const context = { defaultBranches: ['main'], protectedDirs: ['outputs', 'data'] };

async function check(files: Record<string, string>): Promise<Finding[]> {
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
  return checkWorkflowFiles(root, Object.keys(files), context);
}

const errors = (findings: Finding[]) => findings.filter((f) => f.severity === 'error');
const rules = (findings: Finding[]) => errors(findings).map((f) => `${f.rule}@${f.line}:${f.column}`);

const HEADER = 'permissions:\n  contents: read\nconcurrency: x\n';
const JOB = 'jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps: [{run: x}]\n';

describe('self-hosted runners are never reachable from pull requests', () => {
  it('names a job on the self-hosted label triggered by pull_request', async () => {
    const f = await check({
      '.github/workflows/label.yml': `on: pull_request\n${HEADER}jobs:\n  build:\n    runs-on: [self-hosted, linux]\n    steps:\n      - run: make\n`,
    });
    expect(rules(f)).toEqual(['workflow/self-hosted-trigger@7:15']);
    expect(errors(f)[0]!.message).toMatch(
      /job "build" has the self-hosted label and is reachable from pull_request/,
    );
  });

  it('names a job on a runner group', async () => {
    const f = await check({
      '.github/workflows/group.yml': `on:\n  pull_request:\n    branches: [main]\n${HEADER}jobs:\n  build:\n    runs-on:\n      group: data-runners\n    steps:\n      - run: make\n`,
    });
    expect(rules(f)).toEqual(['workflow/self-hosted-trigger@10:7']);
    expect(errors(f)[0]!.message).toMatch(/runs in a runner group/);
  });

  it('names a job whose matrix include can pick a self-hosted runner', async () => {
    const f = await check({
      '.github/workflows/matrix.yml': `on: [push, pull_request]\n${HEADER}jobs:\n  test:\n    strategy:\n      matrix:\n        os: [ubuntu-latest, windows-2022]\n        include:\n          - os: [self-hosted, gpu]\n    runs-on: \${{ matrix.os }}\n    steps:\n      - run: make\n`,
    });
    const found = errors(f).filter((x) => x.rule === 'workflow/self-hosted-trigger');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(
      /matrix value with the self-hosted label and is reachable from pull_request/,
    );
    expect(found[0]!.line).toBe(11); // the include entry that names the runner
  });

  it('passes a matrix of GitHub-hosted images only', async () => {
    const f = await check({
      '.github/workflows/ok.yml': `on: pull_request\n${HEADER}jobs:\n  test:\n    strategy:\n      matrix:\n        node: [20, 24]\n        os: [ubuntu-latest, macos-14]\n    runs-on: \${{ matrix.os }}\n    steps:\n      - run: npm test\n`,
    });
    expect(errors(f)).toEqual([]);
  });

  it('treats custom labels and unresolvable expressions as self-hosted', async () => {
    const f = await check({
      '.github/workflows/custom.yml': `on: issue_comment\n${HEADER}jobs:\n  a:\n    runs-on: gpu-box\n    steps: [{run: x}]\n  b:\n    runs-on: \${{ inputs.runner }}\n    steps: [{run: x}]\n`,
    });
    expect(rules(f)).toEqual(['workflow/self-hosted-trigger@7:14', 'workflow/self-hosted-trigger@10:14']);
  });

  const scheduledWorkflow = (condition: string) =>
    [
      'on:',
      '  schedule: [{cron: "0 2 * * 1"}]',
      '  workflow_dispatch:',
      HEADER,
      'jobs:',
      '  regenerate:',
      `    if: ${condition}`,
      '    runs-on: [self-hosted, linux]',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '        with: {persist-credentials: false}',
      '      - uses: actions/upload-artifact@v4',
      '        with: {name: locks, path: manifests/locks}',
    ].join('\n');

  it('accepts a scheduled self-hosted workflow restricted to the default branch', async () => {
    const f = await check({
      '.github/workflows/regenerate.yml': scheduledWorkflow(
        "github.event_name == 'schedule' || github.ref == format('refs/heads/{0}', github.event.repository.default_branch)",
      ),
    });
    expect(f).toEqual([]);
  });

  it('warns when a default-branch condition skips the schedule (its payload has no repository)', async () => {
    const f = await check({
      '.github/workflows/regenerate.yml': scheduledWorkflow(
        "github.ref == format('refs/heads/{0}', github.event.repository.default_branch)",
      ),
    });
    expect(f.map((x) => `${x.severity} ${x.rule}@${x.line}`)).toEqual(['warning workflow/never-scheduled@9']);
  });

  it('requires the default-branch condition for workflow_dispatch, persist-credentials false, and no uploads of data', async () => {
    const f = await check({
      '.github/workflows/dispatch.yml': [
        'on: workflow_dispatch',
        'permissions: read-all',
        'jobs:',
        '  regenerate:',
        "    if: github.ref == 'refs/heads/main' || github.event_name == 'workflow_dispatch'",
        '    runs-on: self-hosted',
        '    steps:',
        '      - uses: actions/checkout@v4',
        '      - uses: actions/cache@v4',
        '        with: {path: node_modules, key: x}',
        '      - uses: actions/upload-artifact@v4',
        '        with: {name: out, path: outputs/}',
      ].join('\n'),
    });
    expect(f.map((x) => `${x.severity} ${x.rule}@${x.line}`).sort()).toEqual([
      'error workflow/persist-credentials@8',
      'error workflow/self-hosted-branch@6',
      'error workflow/self-hosted-upload@9',
      'error workflow/upload-data@11',
      'warning workflow/concurrency@6',
    ]);
  });

  it('follows a local reusable workflow to its callers’ events', async () => {
    const f = await check({
      '.github/workflows/caller.yml': `on: pull_request\n${HEADER}jobs:\n  call:\n    uses: ./.github/workflows/reusable.yml\n`,
      '.github/workflows/reusable.yml': `on: workflow_call\n${HEADER}jobs:\n  work:\n    runs-on: self-hosted\n    steps: [{run: x}]\n`,
    });
    expect(errors(f).map((x) => `${x.file} ${x.rule}`)).toEqual([
      '.github/workflows/reusable.yml workflow/self-hosted-trigger',
    ]);
    expect(errors(f)[0]!.message).toMatch(/through \.github\/workflows\/caller\.yml job "call"/);
  });

  it('requires a full SHA for a remote reusable workflow, and warns when pull requests reach it', async () => {
    const f = await check({
      '.github/workflows/remote.yml': `on: pull_request\n${HEADER}jobs:\n  call:\n    uses: someone/else/.github/workflows/build.yml@v1\n`,
      '.github/workflows/pinned.yml': `on: pull_request\n${HEADER}jobs:\n  call:\n    uses: someone/else/.github/workflows/build.yml@${'0123456789abcdef'.repeat(2)}01234567\n`,
    });
    expect(f.map((x) => `${x.file} ${x.severity} ${x.rule}@${x.line}`)).toEqual([
      '.github/workflows/remote.yml error workflow/unpinned-reusable@7',
      '.github/workflows/pinned.yml warning workflow/remote-reusable@7',
    ]);
  });

  it('lets a job condition on the event name narrow what reaches it', async () => {
    const f = await check({
      '.github/workflows/mixed.yml': `on: [pull_request, schedule]\n${HEADER}jobs:\n  nightly:\n    if: github.event_name == 'schedule'\n    runs-on: self-hosted\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          persist-credentials: false\n`,
    });
    expect(errors(f)).toEqual([]);
  });
});

describe('privileged contexts and untrusted input', () => {
  it('names pull_request_target and a checkout of the pull request head', async () => {
    const f = await check({
      '.github/workflows/target.yml': [
        'on: pull_request_target',
        'permissions:',
        '  contents: read',
        'jobs:',
        '  test:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: actions/checkout@v4',
        '        with:',
        '          ref: ${{ github.event.pull_request.head.sha }}',
        '      - run: npm test',
      ].join('\n'),
    });
    expect(rules(f)).toEqual(['workflow/pull-request-target@1:5', 'workflow/untrusted-checkout@10:16']);
  });

  it('names untrusted expressions inlined in run, at their own line and column', async () => {
    const f = await check({
      '.github/workflows/title.yml': [
        'on: pull_request',
        'permissions: {}',
        'jobs:',
        '  greet:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: |',
        '          echo "sha ${{ github.sha }}"',
        '          echo "${{ github.event.pull_request.title }}"',
        '      - env:',
        '          TITLE: ${{ github.event.pull_request.title }}',
        '        run: echo "$TITLE" "${{ github.head_ref }}"',
      ].join('\n'),
    });
    expect(rules(f)).toEqual(['workflow/untrusted-expression@9:17', 'workflow/untrusted-expression@12:29']);
  });

  it('checks composite actions for untrusted expressions too', async () => {
    const f = await check({
      'actions/x/action.yml': `name: x\ndescription: x\nruns:\n  using: composite\n  steps:\n    - shell: bash\n      run: echo "\${{ github.event.issue.body }}"\n`,
    });
    expect(rules(f)).toEqual(['workflow/untrusted-expression@7:18']);
  });

  it('requires read-only top-level permissions', async () => {
    const f = await check({
      '.github/workflows/a.yml': 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps: [{run: x}]\n',
      '.github/workflows/b.yml': `on: push\npermissions: write-all\n${JOB}`,
      '.github/workflows/c.yml': `on: push\npermissions:\n  contents: write\n  issues: read\n${JOB}`,
      '.github/workflows/d.yml': `on: push\npermissions: {}\n${JOB}`,
    });
    expect(errors(f).map((x) => `${x.file}:${x.line}`)).toEqual([
      '.github/workflows/a.yml:1',
      '.github/workflows/b.yml:2',
      '.github/workflows/c.yml:3',
    ]);
  });

  it('reports broken YAML with its position instead of throwing', async () => {
    const f = await check({ '.github/workflows/bad.yml': 'on: push\njobs:\n  a: [\n' });
    expect(f).toMatchObject([{ rule: 'workflow/yaml', severity: 'error', line: expect.any(Number) }]);
  });
});

it("passes the repository's own workflows and actions", async () => {
  const { trackedFiles } = await import('../../actions/lib/tools/run-git.js');
  const { policyFiles } = await import('../../actions/lib/workflow-policy/check-workflow-files.js');
  const files = await trackedFiles(REPO_ROOT);
  const { workflows, actions } = policyFiles(files);
  expect(workflows.length).toBeGreaterThanOrEqual(2);
  const findings = await checkWorkflowFiles(REPO_ROOT, [...workflows, ...actions], context);
  expect(findings).toEqual([]);
});
