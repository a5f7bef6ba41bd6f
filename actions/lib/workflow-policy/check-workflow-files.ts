import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Finding } from '../findings/finding.js';
import { checkWorkflow, type WorkflowPolicyContext } from './check-workflow.js';
import { readActionAsGitHub, readWorkflowAsGitHub } from './github-parser.js';
import { type StepContext, walkSteps } from './step-walk.js';
import { emptyScope } from './taint.js';
import { buildIndex } from './workflow-index.js';
import { itemsOf, mapAt, nodeAt, parseYamlFile, stringOf, type YamlFile } from './yaml-file.js';

export type { WorkflowPolicyContext } from './check-workflow.js';

// The extension without case: a `.YML` file the guard skipped would be one GitHub may run.
const WORKFLOW = /^\.github\/workflows\/[^/]+\.ya?ml$/i;
const ACTION = /(?:^|\/)action\.ya?ml$/;

/** The workflow and action files among `files` (repository-relative paths). */
export function policyFiles(files: readonly string[]): { workflows: string[]; actions: string[] } {
  return {
    workflows: files.filter((f) => WORKFLOW.test(f)),
    actions: files.filter((f) => ACTION.test(f) && !f.split('/').includes('node_modules')),
  };
}

/**
 * Runs the workflow policy over every workflow and action file, each read as GitHub reads it. A file
 * that cannot be read that way is an error (never assumed safe). Reusable workflows are judged by
 * every scenario their callers reach them in; composite actions by the jobs that use them.
 */
export async function checkWorkflowFiles(
  root: string,
  files: readonly string[],
  context: WorkflowPolicyContext,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  const { workflows, actions } = policyFiles(files);
  const parsedWorkflows: { yaml: YamlFile; jobConditions: Map<string, string> | undefined }[] = [];
  const parsedActions: YamlFile[] = [];
  for (const file of [...workflows, ...actions]) {
    let text: string;
    try {
      text = await readFile(path.join(root, file), 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') continue; // deleted in the work tree
      findings.push({
        rule: 'workflow/yaml',
        severity: 'error',
        file,
        message: `cannot be read (${code ?? 'error'})`,
      });
      continue;
    }
    const result = parseYamlFile(file, text);
    if ('problems' in result) {
      for (const p of result.problems)
        findings.push({
          rule: 'workflow/yaml',
          severity: 'error',
          file,
          line: p.line,
          column: p.column,
          message: p.message,
        });
      continue;
    }
    const isWorkflow = WORKFLOW.test(file);
    const reading = isWorkflow ? await readWorkflowAsGitHub(file, text) : readActionAsGitHub(file, text);
    for (const e of reading.errors.slice(0, 5))
      findings.push({
        rule: 'workflow/github-parse',
        severity: 'error',
        file,
        line: e.line,
        column: e.column,
        message: `GitHub does not read this as a valid ${isWorkflow ? 'workflow' : 'action'}: ${e.message}`,
      });
    if (isWorkflow)
      parsedWorkflows.push({
        yaml: result.yaml,
        jobConditions: reading.errors.length === 0 ? reading.jobConditions : undefined,
      });
    else parsedActions.push(result.yaml);
  }

  const { units, index } = buildIndex(parsedWorkflows, parsedActions, context.defaultBranches);
  for (const unit of units) findings.push(...checkWorkflow(unit, index, context));

  // Composite actions on their own: outsider text inlined into their scripts, whoever uses them.
  for (const yaml of parsedActions) {
    const runs = mapAt(yaml.doc.contents, 'runs');
    if (stringOf(nodeAt(runs, 'using'))?.trim() !== 'composite') continue;
    const ctx: StepContext = {
      where: 'any job',
      selfHosted: false,
      privileged: undefined,
      protectedDirs: context.protectedDirs,
      index,
      report: true,
      findings,
    };
    walkSteps(yaml, itemsOf(nodeAt(runs, 'steps')), emptyScope(), ctx, 0, new Set([yaml.file]));
  }
  return dedupe(findings);
}

/** A composite used by several jobs reports the same line once per reason. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    // Same place and rule; in a workflow the message (which job) tells findings apart too.
    const message = f.file.startsWith('.github/workflows/') ? f.message : '';
    const key = `${f.rule}\u0000${f.file}\u0000${f.line}\u0000${f.column}\u0000${f.severity}\u0000${message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
