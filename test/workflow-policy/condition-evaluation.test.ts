/**
 * Job conditions evaluated as GitHub evaluates them, against the payload each event really has: the
 * recommended default-branch condition runs on schedule and on dispatch from the default branch, and
 * is skipped on dispatch from another branch; this repository's regenerate.yml does the same.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RECOMMENDED_CONDITION } from '../../actions/lib/workflow-policy/check-workflow.js';
import { checkWorkflowFiles } from '../../actions/lib/workflow-policy/check-workflow-files.js';
import { evaluationContext, scenariosFor } from '../../actions/lib/workflow-policy/event-scenarios.js';
import { evaluateText, type Truth } from '../../actions/lib/workflow-policy/expression-eval.js';
import { readWorkflowAsGitHub } from '../../actions/lib/workflow-policy/github-parser.js';
import { REPO_ROOT } from '../helpers/repository-copy.js';

const scenario = (event: string, id: string) => {
  const s = scenariosFor(event, 'main').find((x) => x.id === `${event}/${id}`);
  if (!s) throw new Error(`no scenario ${event}/${id}`);
  return s;
};
const SCHEDULE = scenario('schedule', 'default');
const DISPATCH_MAIN = scenario('workflow_dispatch', 'default');
const DISPATCH_BRANCH = scenario('workflow_dispatch', 'refs/heads/*');
const DISPATCH_TAG = scenario('workflow_dispatch', 'refs/tags/v1');
const FORK_PR = scenario('pull_request', 'fork');

const truth = (condition: string, s = SCHEDULE, mode: 'normal' | 'any' = 'any'): Truth =>
  evaluateText(condition, evaluationContext(s), mode);

describe('expressions with GitHub semantics, three-valued', () => {
  it('compares strings without case and coerces types as GitHub does', () => {
    expect(truth("github.event_name == 'Schedule'")).toBe(true);
    expect(truth("github.event_name == 'SCHEDULE' && 1 == '1'")).toBe(true);
    expect(truth("startsWith(github.ref, 'REFS/HEADS/')")).toBe(true);
    expect(truth('contains(fromJSON(\'["schedule","push"]\'), github.event_name)')).toBe(true);
    expect(truth("format('{0}-{1}', 'a', github.event_name) == 'a-schedule'")).toBe(true);
    expect(truth("github['event_name'] == 'schedule'")).toBe(true);
    expect(truth("github.event_name != 'schedule'")).toBe(false);
    expect(truth("0 || ''")).toBe(false);
  });

  it('keeps values outsiders write unknown, and lets a known operand decide', () => {
    expect(truth("github.event.pull_request.title == 'x'", FORK_PR)).toBe('unknown');
    expect(truth("github.event.pull_request.title == 'x' && github.event_name == 'push'", FORK_PR)).toBe(
      false,
    );
    expect(
      truth("github.event.pull_request.title == 'x' || github.event_name == 'pull_request'", FORK_PR),
    ).toBe(true);
    expect(truth("!(github.head_ref == 'main')", FORK_PR)).toBe('unknown');
    expect(truth('github.event.pull_request.head.repo.fork', FORK_PR)).toBe('unknown');
    expect(
      truth('github.event.pull_request.head.repo.fork == false', scenario('pull_request', 'same-repository')),
    ).toBe(true);
  });

  it('knows another branch only as "not the default branch"', () => {
    expect(truth("github.ref == 'refs/heads/main'", DISPATCH_BRANCH)).toBe(false);
    expect(truth("github.ref == 'REFS/HEADS/MAIN'", DISPATCH_BRANCH)).toBe(false);
    expect(truth("github.ref_name != 'main'", DISPATCH_BRANCH)).toBe(true);
    expect(truth("github.ref == 'refs/heads/attack'", DISPATCH_BRANCH)).toBe('unknown');
    expect(truth("github.ref != 'refs/pull/1/merge'", FORK_PR)).toBe('unknown');
    expect(truth('github.ref', DISPATCH_BRANCH)).toBe(true);
  });

  it('answers status functions as unknown for reachability and as a normal run on request', () => {
    expect(truth('failure()')).toBe('unknown');
    expect(truth('always()')).toBe(true);
    expect(truth('!cancelled()', SCHEDULE, 'normal')).toBe(true);
    expect(truth('failure()', SCHEDULE, 'normal')).toBe(false);
  });

  it('a schedule payload has no repository: the default-branch test alone is false there', () => {
    const alone = "github.ref == format('refs/heads/{0}', github.event.repository.default_branch)";
    expect(truth('github.event.repository.default_branch')).toBe(false);
    expect(truth(alone, SCHEDULE)).toBe(false);
    expect(truth(alone, DISPATCH_MAIN)).toBe(true);
  });

  it('the recommended condition runs on schedule and dispatch from the default branch, not elsewhere', () => {
    expect(truth(RECOMMENDED_CONDITION, SCHEDULE)).toBe(true);
    expect(truth(RECOMMENDED_CONDITION, DISPATCH_MAIN)).toBe(true);
    expect(truth(RECOMMENDED_CONDITION, DISPATCH_BRANCH)).toBe(false);
    expect(truth(RECOMMENDED_CONDITION, DISPATCH_TAG)).toBe(false);
    expect(truth(RECOMMENDED_CONDITION, scenario('push', 'refs/heads/*'))).toBe(false);
    expect(truth(RECOMMENDED_CONDITION, FORK_PR)).toBe(false);
    // Events that run on the default branch for outsiders pass it: the triggers must exclude them.
    expect(truth(RECOMMENDED_CONDITION, scenario('issue_comment', 'default'))).toBe(true);
  });
});

describe("this repository's regenerate.yml", () => {
  const file = '.github/workflows/regenerate.yml';

  async function conditions(): Promise<Map<string, string>> {
    const text = await readFile(path.join(REPO_ROOT, file), 'utf8');
    const reading = await readWorkflowAsGitHub(file, text);
    expect(reading.errors).toEqual([]);
    return reading.jobConditions;
  }

  it('runs every job on schedule and on dispatch from main, and skips them on dispatch from another branch', async () => {
    const jobs = await conditions();
    expect([...jobs.keys()]).toEqual(['shard', 'merge']);
    for (const [job, condition] of jobs) {
      expect([job, truth(condition, SCHEDULE, 'normal')]).toEqual([job, true]);
      expect([job, truth(condition, DISPATCH_MAIN, 'normal')]).toEqual([job, true]);
      expect([job, truth(condition, DISPATCH_BRANCH, 'normal')]).toEqual([job, false]);
      expect([job, truth(condition, DISPATCH_TAG, 'normal')]).toEqual([job, false]);
      // For reachability every status function is unknown, and the branch still decides.
      expect([job, truth(condition, DISPATCH_BRANCH, 'any')]).toEqual([job, false]);
    }
  });

  it('the shard job is the self-hosted one, and the guard accepts the file', async () => {
    const findings = await checkWorkflowFiles(REPO_ROOT, [file, 'actions/regenerate/action.yml'], {
      defaultBranches: ['main'],
      protectedDirs: ['outputs', 'data'],
    });
    expect(findings).toEqual([]);
  });

  it('the condition it had before (default branch only) is skipped on schedule', async () => {
    const jobs = await conditions();
    const old = jobs.get('shard')!.replace("github.event_name == 'schedule' || ", '');
    expect(old).not.toBe(jobs.get('shard'));
    expect(truth(old, SCHEDULE, 'normal')).toBe(false);
  });
});
