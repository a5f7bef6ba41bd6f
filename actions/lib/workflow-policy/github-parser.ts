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
  try {
    const parsed = parseWorkflow({ name: file, content: text }, new NoOperationTraceWriter());
    const errors = errorsOf(parsed.context);
    if (errors.length > 0 || !parsed.value) return { errors, jobConditions };
    const template = await convertWorkflowTemplate(parsed.context, parsed.value);
    for (const e of template.errors ?? []) errors.push({ line: 1, column: 1, message: e.Message });
    for (const job of template.jobs ?? []) {
      const expression = job.if?.expression;
      if (expression !== undefined) jobConditions.set(job.id.value, expression);
    }
    return { errors, jobConditions };
  } catch (error) {
    return {
      errors: [{ line: 1, column: 1, message: `GitHub's parser failed: ${(error as Error).message}` }],
      jobConditions,
    };
  }
}

/** Reads an action.yml as GitHub does; only its errors matter here. */
export function readActionAsGitHub(file: string, text: string): GitHubReading {
  try {
    const parsed = parseAction({ name: file, content: text }, new NoOperationTraceWriter());
    return { errors: errorsOf(parsed.context), jobConditions: new Map() };
  } catch (error) {
    return {
      errors: [{ line: 1, column: 1, message: `GitHub's parser failed: ${(error as Error).message}` }],
      jobConditions: new Map(),
    };
  }
}
