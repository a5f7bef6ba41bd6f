/**
 * The repository's workflows as GitHub runs them, not only as linters read them: each file read by
 * GitHub's parser, each job's `if:` (as GitHub converts it) evaluated with @actions/expressions'
 * semantics against the payload each event really has, `needs` followed (a job whose dependency is
 * skipped is skipped unless its condition says otherwise), and the triggers' filters applied. Every
 * workflow must state its table here: a new workflow without one fails.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readActionAsGitHub } from '../../actions/lib/workflow-policy/github-parser.js';
import { planTable, planWorkflow, readPlannable } from '../../actions/lib/workflow-policy/job-plan.js';
import { REPO_ROOT } from '../helpers/repository-copy.js';

const WORKFLOWS = path.join(REPO_ROOT, '.github/workflows');
const NOT = 'not triggered';

/** Scenario → job → run, for every workflow of the repository. */
const EXPECTED: Record<string, Record<string, Record<string, string>>> = {
  'regenerate.yml': {
    // The schedule's payload has no `repository` (github/codeql-action#1211): both jobs still run.
    'schedule/default': { shard: 'runs', merge: 'runs' },
    'workflow_dispatch/default': { shard: 'runs', merge: 'runs' },
    'workflow_dispatch/refs/heads/*': { shard: 'skipped', merge: 'skipped' },
    'push/default': { shard: NOT, merge: NOT },
    'push/refs/heads/*': { shard: NOT, merge: NOT },
    'pull_request/same-repository': { shard: NOT, merge: NOT },
    'pull_request/fork': { shard: NOT, merge: NOT },
  },
  'validate.yml': {
    'schedule/default': { validate: NOT, guard: NOT },
    'workflow_dispatch/default': { validate: NOT, guard: NOT },
    'workflow_dispatch/refs/heads/*': { validate: NOT, guard: NOT },
    'push/default': { validate: 'runs', guard: 'runs' },
    'push/refs/heads/*': { validate: NOT, guard: NOT },
    'pull_request/same-repository': { validate: 'runs', guard: 'runs' },
    'pull_request/fork': { validate: 'runs', guard: 'runs' },
  },
  'ci.yml': {
    'schedule/default': { test: NOT, checks: NOT },
    'workflow_dispatch/default': { test: NOT, checks: NOT },
    'workflow_dispatch/refs/heads/*': { test: NOT, checks: NOT },
    'push/default': { test: 'runs', checks: 'runs' },
    'push/refs/heads/*': { test: NOT, checks: NOT },
    'pull_request/same-repository': { test: 'runs', checks: 'runs' },
    'pull_request/fork': { test: 'runs', checks: 'runs' },
  },
};

const read = async (name: string) => readPlannable(name, await readFile(path.join(WORKFLOWS, name), 'utf8'));

describe("this repository's workflows, evaluated", () => {
  it('every workflow states its table', async () => {
    const names = (await readdir(WORKFLOWS)).filter((f) => /\.ya?ml$/i.test(f)).sort();
    expect(names).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [name, table] of Object.entries(EXPECTED))
    it(`${name}: which jobs run for each event`, async () => {
      expect(planTable(await read(name))).toEqual(table);
    });

  it('regenerate.yml: the App-token step waits on a repository variable, every other step of a run runs', async () => {
    const workflow = await read('regenerate.yml');
    for (const scenario of ['schedule/default', 'workflow_dispatch/default']) {
      const plan = planWorkflow(workflow, scenario);
      expect(plan.jobs.get('shard')).toEqual({ run: 'runs', skippedSteps: [], unknownSteps: [] });
      expect(plan.jobs.get('merge')).toEqual({
        run: 'runs',
        skippedSteps: [],
        unknownSteps: ['Token of the lock-update App (only when configured)'],
      });
    }
  });

  it('regenerate.yml: a failed shard still leaves the merge job to land the others', async () => {
    const workflow = await read('regenerate.yml');
    const plan = planWorkflow(workflow, 'schedule/default', ['shard']);
    expect(plan.jobs.get('merge')?.run).toBe('runs');
  });

  it("regenerate.yml with the condition it had before: nothing runs on the schedule, the merge job's !cancelled() notwithstanding", async () => {
    const text = await readFile(path.join(WORKFLOWS, 'regenerate.yml'), 'utf8');
    const before = text.replaceAll("github.event_name == 'schedule' || ", '');
    expect(before).not.toBe(text);
    const table = planTable(await readPlannable('regenerate.yml', before));
    expect(table['schedule/default']).toEqual({ shard: 'skipped', merge: 'skipped' });
    expect(table['workflow_dispatch/default']).toEqual({ shard: 'runs', merge: 'runs' });
  });

  it('every action.yml reads cleanly with GitHub’s action parser', async () => {
    const actions = (await readdir(path.join(REPO_ROOT, 'actions'), { withFileTypes: true }))
      .filter((d) => d.isDirectory() && d.name !== 'lib')
      .map((d) => `actions/${d.name}/action.yml`);
    expect(actions.length).toBeGreaterThanOrEqual(3);
    for (const file of actions) {
      const reading = readActionAsGitHub(file, await readFile(path.join(REPO_ROOT, file), 'utf8'));
      expect([file, reading.errors]).toEqual([file, []]);
    }
  });
});

describe('needs-chains and step conditions', () => {
  const CHAIN = `on:
  schedule:
    - cron: '0 1 * * *'
  workflow_dispatch:
  pull_request:
permissions:
  contents: read
jobs:
  build:
    if: github.event_name == 'schedule' || github.ref == format('refs/heads/{0}', github.event.repository.default_branch)
    runs-on: ubuntu-latest
    steps:
      - run: make
      - if: github.event_name == 'schedule'
        run: make nightly
      - if: github.event.pull_request.head.repo.fork
        run: echo fork
  after:
    needs: build
    runs-on: ubuntu-latest
    steps:
      - run: make after
  later:
    needs: after
    runs-on: ubuntu-latest
    steps:
      - run: make later
  report:
    needs: build
    if: always()
    runs-on: ubuntu-latest
    steps:
      - run: make report
  tidy:
    needs: [build, report]
    if: \${{ !cancelled() }}
    runs-on: ubuntu-latest
    steps:
      - run: make tidy
`;

  it('a job whose needs were skipped is skipped, transitively; always() and !cancelled() still run', async () => {
    const table = planTable(await readPlannable('chain.yml', CHAIN), [
      'schedule/default',
      'workflow_dispatch/refs/heads/*',
      'pull_request/fork',
      'push/default',
    ]);
    expect(table).toEqual({
      'schedule/default': { build: 'runs', after: 'runs', later: 'runs', report: 'runs', tidy: 'runs' },
      'workflow_dispatch/refs/heads/*': {
        build: 'skipped',
        after: 'skipped',
        later: 'skipped',
        report: 'runs',
        tidy: 'runs',
      },
      'pull_request/fork': {
        build: 'skipped',
        after: 'skipped',
        later: 'skipped',
        report: 'runs',
        tidy: 'runs',
      },
      'push/default': { build: NOT, after: NOT, later: NOT, report: NOT, tidy: NOT },
    });
  });

  it('a failed job skips what needs it with the implicit success(); always() and !cancelled() still run', async () => {
    const plan = planWorkflow(await readPlannable('chain.yml', CHAIN), 'schedule/default', ['build']);
    expect(Object.fromEntries([...plan.jobs].map(([job, p]) => [job, p.run]))).toEqual({
      build: 'runs',
      after: 'skipped',
      later: 'skipped',
      report: 'runs',
      tidy: 'runs',
    });
  });

  it('step conditions: known from the event, unknown where the payload decides', async () => {
    const workflow = await readPlannable('chain.yml', CHAIN);
    expect(planWorkflow(workflow, 'schedule/default').jobs.get('build')).toEqual({
      run: 'runs',
      // A schedule's payload has no pull_request: the fork step is skipped, not unknown.
      skippedSteps: ['run: echo fork'],
      unknownSteps: [],
    });
    expect(planWorkflow(workflow, 'workflow_dispatch/default').jobs.get('build')).toEqual({
      run: 'runs',
      skippedSteps: ['run: make nightly', 'run: echo fork'],
      unknownSteps: [],
    });
  });

  it('a workflow GitHub would refuse is not planned', async () => {
    const broken = CHAIN.replace('needs: after', 'needs: nowhere');
    await expect(readPlannable('chain.yml', broken)).rejects.toThrow(/nowhere/);
    const badContext = CHAIN.replace("if: github.event_name == 'schedule'", 'if: varz.X');
    await expect(readPlannable('chain.yml', badContext)).rejects.toThrow(/varz/i);
  });
});
