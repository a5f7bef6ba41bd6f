/**
 * GitHub's own reading of a workflow or an action (@actions/workflow-parser): its validation errors,
 * and each job's `if:` exactly as GitHub will evaluate it (`success() && (…)` added when no status
 * function is named; text around `${{ }}`, as in an `if: |` block, becomes a `format(…)` that is
 * always true).
 */
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { parseAction } from '@actions/workflow-parser/actions/action-parser';

export interface GitHubReading {
  errors: { line: number; column: number; message: string }[];
  /** Job id → the condition GitHub evaluates (present only when the workflow converted cleanly). */
  jobConditions: Map<string, string>;
  /** Each job as GitHub converted it, in file order (empty unless the workflow converted cleanly). */
  jobs: JobReading[];
}

/** A job as GitHub will run it: its condition, what it waits for, and its steps' conditions. */
export interface JobReading {
  id: string;
  needs: string[];
  condition: string;
  /** Steps in order: `uses` or `run` for naming, and the condition GitHub evaluates. */
  steps: { name: string; condition: string }[];
}

function errorsOf(context: {
  errors: { getErrors(): { rawMessage: string; range?: { start: { line: number; column: number } } }[] };
}) {
  return context.errors.getErrors().map((e) => ({
    line: e.range?.start.line ?? 1,
    column: e.range?.start.column ?? 1,
    // The raw message only: GitHub's prefix repeats the file name.
    message: e.rawMessage.replace(/^.*?\(Line: \d+, Col: \d+\): /, ''),
  }));
}

/** Reads a workflow as GitHub does. Never throws: a failure of the parser is an error to report. */
export async function readWorkflowAsGitHub(file: string, text: string): Promise<GitHubReading> {
  const jobConditions = new Map<string, string>();
  const jobs: JobReading[] = [];
  try {
    const parsed = parseWorkflow({ name: file, content: text }, new NoOperationTraceWriter());
    const errors = errorsOf(parsed.context);
    if (errors.length > 0 || !parsed.value) return { errors, jobConditions, jobs };
    const template = await convertWorkflowTemplate(parsed.context, parsed.value);
    for (const e of template.errors ?? []) errors.push({ line: 1, column: 1, message: e.Message });
    for (const job of template.jobs ?? []) {
      const expression = job.if?.expression;
      if (expression !== undefined) jobConditions.set(job.id.value, expression);
      const steps = 'steps' in job ? (job.steps ?? []) : [];
      jobs.push({
        id: job.id.value,
        needs: (job.needs ?? []).map((n) => n.value),
        condition: expression ?? 'success()',
        steps: steps.map((step, i) => ({
          name: stepName(step as StepLike, i),
          condition: (step as StepLike).if?.expression ?? 'success()',
        })),
      });
    }
    return { errors, jobConditions, jobs };
  } catch (error) {
    return {
      errors: [{ line: 1, column: 1, message: `GitHub's parser failed: ${(error as Error).message}` }],
      jobConditions,
      jobs,
    };
  }
}

interface StepLike {
  name?: { toString(): string };
  uses?: { value: string };
  run?: { value?: unknown; toString(): string };
  if?: { expression: string };
}

/** A step's name for a plan: its `name:`, else what it uses, else `run #n`. */
function stepName(step: StepLike, index: number): string {
  const name = step.name?.toString();
  if (name && !name.startsWith('__')) return name;
  if (step.uses) return step.uses.value;
  const run = typeof step.run?.value === 'string' ? step.run.value : step.run?.toString();
  return run ? `run: ${run.split('\n')[0]!.trim().slice(0, 60)}` : `step ${index + 1}`;
}

/** Reads an action.yml as GitHub does; only its errors matter here. */
export function readActionAsGitHub(file: string, text: string): GitHubReading {
  try {
    const parsed = parseAction({ name: file, content: text }, new NoOperationTraceWriter());
    return { errors: errorsOf(parsed.context), jobConditions: new Map(), jobs: [] };
  } catch (error) {
    return {
      errors: [{ line: 1, column: 1, message: `GitHub's parser failed: ${(error as Error).message}` }],
      jobConditions: new Map(),
      jobs: [],
    };
  }
}
