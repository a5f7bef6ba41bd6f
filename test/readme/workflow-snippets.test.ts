/**
 * Every YAML snippet of README.md and actions/*\/README.md, found when the test runs, is either a
 * whole workflow or a job condition (`if: …`), and holds as written:
 * - a workflow is read by GitHub's parser, passes the guard's workflow policy with no finding at all
 *   (its rules, and every local action's `with:` against that action's declared inputs), uses only
 *   actions this repository has, never publishes from every shard of a matrix (the last push wins),
 *   gets a pull request's history where it runs the guard, and on each
 *   event it names, some job runs, and each job runs on some event it names (the events as GitHub
 *   sends them: a schedule's payload has no `repository`);
 * - a job condition, put on a self-hosted job reached by schedule, dispatch, push and pull requests,
 *   passes the policy, runs on schedule and on dispatch or push from the default branch and on
 *   nothing else, as the README says.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { declaredInputs } from '../../actions/lib/workflow-policy/action-inputs.js';
import { planTable, planWorkflow, readPlannable } from '../../actions/lib/workflow-policy/job-plan.js';
import { parseYamlFile } from '../../actions/lib/workflow-policy/yaml-file.js';
import { REPO_ROOT } from '../helpers/repository-copy.js';
import { checkFiles } from '../workflow-policy/policy-check.js';
import { type CodeBlock, codeBlocks, readmeFiles } from './code-blocks.js';

/** The scenarios an event a snippet names stands for: how its readers will start it. */
const CLAIMED: Record<string, string[]> = {
  schedule: ['schedule/default'],
  workflow_dispatch: ['workflow_dispatch/default'],
  push: ['push/default'],
  pull_request: ['pull_request/same-repository', 'pull_request/fork'],
};

const ACTIONS = ['validate', 'guard', 'regenerate'].filter((a) =>
  existsSync(path.join(REPO_ROOT, `actions/${a}/action.yml`)),
);
const actionFiles = () =>
  Object.fromEntries(
    ACTIONS.map((a) => [
      `actions/${a}/action.yml`,
      readFileSync(path.join(REPO_ROOT, `actions/${a}/action.yml`), 'utf8'),
    ]),
  );

const yamlBlocks = readmeFiles()
  .flatMap(codeBlocks)
  .filter((b) => b.lang === 'yaml' || b.lang === 'yml');

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function eventsOf(on: unknown): string[] {
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on.map(String);
  return isObj(on) ? Object.keys(on) : [];
}

function steps(workflow: Obj): { job: string; step: Obj }[] {
  return Object.entries(workflow.jobs as Obj).flatMap(([job, spec]) =>
    ((isObj(spec) && Array.isArray(spec.steps) ? spec.steps : []) as Obj[]).map((step) => ({ job, step })),
  );
}

async function checkWorkflowSnippet(block: CodeBlock, workflow: Obj): Promise<void> {
  const file = `.github/workflows/readme-${path.basename(path.dirname(path.join(REPO_ROOT, block.file)))}-${block.line}.yml`;
  expect(workflow.on, `${block.where}: a workflow needs on:, or GitHub will not run it`).toBeDefined();

  // GitHub's parser; the policy, with the repository's actions beside the snippet.
  const plannable = await readPlannable(file, block.text);
  expect(await checkFiles({ [file]: block.text, ...actionFiles() }), block.where).toEqual([]);

  // Local actions: this repository's, directly or through a checkout of it in a folder.
  for (const { job, step } of steps(workflow)) {
    const uses = typeof step.uses === 'string' ? step.uses : '';
    if (!uses.startsWith('./')) continue;
    const checkoutDirs = steps(workflow)
      .filter((s) => s.job === job && String(s.step.uses).startsWith('actions/checkout@'))
      .map((s) => (isObj(s.step.with) ? s.step.with.path : undefined))
      .filter((p): p is string => typeof p === 'string');
    const dir = checkoutDirs.reduce(
      (d, base) => (d.startsWith(`${base}/`) ? d.slice(base.length + 1) : d),
      uses.slice(2),
    );
    const action = path.join(REPO_ROOT, dir, 'action.yml');
    expect(existsSync(action), `${block.where}: ${uses} is not an action of this repository`).toBe(true);
    const parsed = parseYamlFile(`${dir}/action.yml`, readFileSync(action, 'utf8'));
    if ('problems' in parsed) throw new Error(`${dir}/action.yml does not parse`);
    const declared = declaredInputs(parsed.yaml).names;
    expect(
      Object.keys(isObj(step.with) ? step.with : {}).filter((k) => !declared.includes(k)),
      `${block.where}: ${uses} inputs`,
    ).toEqual([]);
    // Shards that publish race on one branch: the last push wins and the others' entries are lost.
    if (dir === 'actions/regenerate' && isObj(step.with) && step.with.shard !== undefined)
      expect(
        String(step.with.publish ?? 'none'),
        `${block.where}: a sharded regenerate step must leave publishing to one merge job`,
      ).toBe('none');
    // The guard reads every commit of the pull request: its checkout needs the history.
    if (dir === 'actions/guard') {
      const own = steps(workflow).find(
        (s) =>
          s.job === job &&
          String(s.step.uses).startsWith('actions/checkout@') &&
          !(isObj(s.step.with) && s.step.with.path),
      );
      expect(
        isObj(own?.step.with) && String(own.step.with['fetch-depth']),
        `${block.where}: the guard's checkout needs fetch-depth: 0`,
      ).toBe('0');
    }
  }

  // The events it names: each starts some job, each job runs on one of them, no answer left open.
  const events = eventsOf(workflow.on);
  for (const event of events)
    expect(CLAIMED[event], `${block.where}: this test does not know the event ${event}`).toBeDefined();
  const scenarios = events.flatMap((e) => CLAIMED[e]!);
  const table = planTable(plannable, scenarios);
  for (const scenario of scenarios) {
    const runs = Object.entries(table[scenario]!);
    expect(
      runs.some(([, r]) => r === 'runs'),
      `${block.where}: on ${scenario} no job runs (${JSON.stringify(table[scenario])})`,
    ).toBe(true);
    expect(
      runs.filter(([, r]) => r === 'unknown'),
      `${block.where}: ${scenario}`,
    ).toEqual([]);
  }
  for (const job of Object.keys(workflow.jobs as Obj))
    expect(
      scenarios.some((s) => planWorkflow(plannable, s).jobs.get(job)?.run === 'runs'),
      `${block.where}: job ${job} runs on none of ${events.join(', ')}`,
    ).toBe(true);
}

async function checkConditionSnippet(block: CodeBlock, condition: string): Promise<void> {
  const file = '.github/workflows/readme-condition.yml';
  const text = `on:\n  schedule:\n    - cron: '0 3 * * *'\n  workflow_dispatch:\n  push:\n  pull_request:\npermissions:\n  contents: read\nconcurrency: data\njobs:\n  data:\n    if: ${JSON.stringify(condition)}\n    runs-on: [self-hosted, linux, x64]\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          persist-credentials: false\n      - run: make\n`;
  expect(await checkFiles({ [file]: text }), block.where).toEqual([]);
  const table = planTable(await readPlannable(file, text), [
    'schedule/default',
    'workflow_dispatch/default',
    'push/default',
    'workflow_dispatch/refs/heads/*',
    'push/refs/heads/*',
    'push/refs/tags/v1',
    'pull_request/same-repository',
    'pull_request/fork',
  ]);
  expect(table, block.where).toEqual({
    'schedule/default': { data: 'runs' },
    'workflow_dispatch/default': { data: 'runs' },
    'push/default': { data: 'runs' },
    'workflow_dispatch/refs/heads/*': { data: 'skipped' },
    'push/refs/heads/*': { data: 'skipped' },
    'push/refs/tags/v1': { data: 'skipped' },
    'pull_request/same-repository': { data: 'skipped' },
    'pull_request/fork': { data: 'skipped' },
  });
}

describe('README YAML snippets hold as written', () => {
  it('there are snippets to check: the three actions’ workflows and the recommended condition', () => {
    expect(yamlBlocks.length).toBeGreaterThanOrEqual(4);
  });

  for (const block of yamlBlocks)
    it(block.where, async () => {
      const value = parse(block.text) as unknown;
      if (isObj(value) && 'jobs' in value) return checkWorkflowSnippet(block, value);
      if (isObj(value) && Object.keys(value).length === 1 && typeof value.if === 'string')
        return checkConditionSnippet(block, value.if);
      throw new Error(
        `${block.where}: a YAML snippet is a whole workflow (on:, permissions:, jobs:) or a job condition (if: …), so it can be checked as written`,
      );
    });
});
