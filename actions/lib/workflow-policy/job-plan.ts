/**
 * Which jobs and steps of a workflow run for one event, as GitHub decides it: the workflow's triggers
 * (push filters included), each job's `if:` as GitHub's parser converts it, evaluated against the
 * payload the event really has, and `needs`: a job whose dependency was skipped sees success() false,
 * so it is skipped too unless its condition says always() or !cancelled().
 */
import { evaluationContext, type Scenario } from './event-scenarios.js';
import { evaluateText, type StatusAnswers, type Truth } from './expression-eval.js';
import { type JobReading, readWorkflowAsGitHub } from './github-parser.js';
import { triggerScenarios, triggersOf } from './triggers.js';
import { parseYamlFile } from './yaml-file.js';

/** `unknown`: the answer depends on what the person who causes the event writes (or on vars). */
export type Run = 'runs' | 'skipped' | 'unknown';

export interface JobPlan {
  run: Run;
  /** Steps whose condition is false in this scenario (jobs that run only). */
  skippedSteps: string[];
  /** Steps whose condition depends on unknown values. */
  unknownSteps: string[];
}

export interface WorkflowPlan {
  /** False when none of the workflow's triggers starts a run in this scenario. */
  triggered: boolean;
  /** Job id → plan; every job is `skipped` when the workflow is not triggered. */
  jobs: Map<string, JobPlan>;
}

/** A workflow read once, planned for any number of scenarios. */
export interface PlannableWorkflow {
  jobs: JobReading[];
  /** Scenario id → scenario, for every scenario the triggers start. */
  scenarios: Map<string, Scenario>;
}

/** Reads a workflow for planning; throws with GitHub's errors when GitHub would not run it at all. */
export async function readPlannable(
  file: string,
  text: string,
  defaultBranch = 'main',
): Promise<PlannableWorkflow> {
  const parsed = parseYamlFile(file, text);
  if ('problems' in parsed) throw new Error(`${file}: ${parsed.problems.map((p) => p.message).join('; ')}`);
  const reading = await readWorkflowAsGitHub(file, text);
  if (reading.errors.length > 0)
    throw new Error(`${file}: ${reading.errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('; ')}`);
  const scenarios = new Map<string, Scenario>();
  for (const trigger of triggersOf(parsed.yaml.doc.contents))
    for (const s of triggerScenarios(trigger, [defaultBranch])) scenarios.set(s.id, s);
  return { jobs: reading.jobs, scenarios };
}

const NOT_RUN: JobPlan = { run: 'skipped', skippedSteps: [], unknownSteps: [] };

/**
 * The plan of a workflow for one scenario id (`schedule/default`, `pull_request/fork`, …). Jobs that
 * run succeed, except those named in `failing`: their dependents see failure() true, success() false.
 */
export function planWorkflow(
  workflow: PlannableWorkflow,
  scenarioId: string,
  failing: readonly string[] = [],
): WorkflowPlan {
  const scenario = workflow.scenarios.get(scenarioId);
  const jobs = new Map<string, JobPlan>();
  if (!scenario) {
    for (const job of workflow.jobs) jobs.set(job.id, NOT_RUN);
    return { triggered: false, jobs };
  }
  const byId = new Map(workflow.jobs.map((j) => [j.id, j]));
  const context = evaluationContext(scenario);
  const visiting = new Set<string>();

  const plan = (id: string): JobPlan => {
    const done = jobs.get(id);
    if (done) return done;
    const job = byId.get(id);
    // A cycle or a missing job: GitHub refuses the workflow; the parser reported it already.
    if (!job || visiting.has(id)) return { run: 'unknown', skippedSteps: [], unknownSteps: [] };
    visiting.add(id);
    const needs = job.needs.map((n) => plan(n).run);
    const failed = job.needs.some((n) => failing.includes(n) && jobs.get(n)?.run === 'runs');
    visiting.delete(id);
    const status: StatusAnswers = {
      success: failed || needs.includes('skipped') ? false : needs.includes('unknown') ? 'unknown' : true,
      failure: failed,
      cancelled: false,
    };
    const run = asRun(evaluateText(job.condition, context, status));
    const result: JobPlan = { run, skippedSteps: [], unknownSteps: [] };
    if (run !== 'skipped')
      for (const step of job.steps) {
        const t = evaluateText(step.condition, context, 'normal');
        if (t === false) result.skippedSteps.push(step.name);
        else if (t === 'unknown') result.unknownSteps.push(step.name);
      }
    jobs.set(id, result);
    return result;
  };
  for (const job of workflow.jobs) plan(job.id);
  return { triggered: true, jobs };
}

function asRun(t: Truth): Run {
  return t === true ? 'runs' : t === false ? 'skipped' : 'unknown';
}

/** The scenarios a plan table usually states: the events a benchmark repository's workflows use. */
export const PLAN_SCENARIOS = [
  'schedule/default',
  'workflow_dispatch/default',
  'workflow_dispatch/refs/heads/*',
  'push/default',
  'push/refs/heads/*',
  'pull_request/same-repository',
  'pull_request/fork',
] as const;

/** Scenario id → job id → run (`not triggered` when no trigger starts the workflow), the shape a test states. */
export function planTable(
  workflow: PlannableWorkflow,
  scenarioIds: readonly string[] = PLAN_SCENARIOS,
): Record<string, Record<string, Run | 'not triggered'>> {
  return Object.fromEntries(
    scenarioIds.map((id) => {
      const plan = planWorkflow(workflow, id);
      return [
        id,
        Object.fromEntries(
          [...plan.jobs].map(([job, p]) => [job, plan.triggered ? p.run : ('not triggered' as const)]),
        ),
      ];
    }),
  );
}
