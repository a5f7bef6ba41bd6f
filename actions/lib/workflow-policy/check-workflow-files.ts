import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Finding } from '../findings/finding.js';
import { checkWorkflow, type EffectiveTrigger, type WorkflowPolicyContext } from './check-workflow.js';
import { reachableTriggers } from './expressions.js';
import { stepsOf, untrustedExpressionFindings } from './step-rules.js';
import { triggersOf } from './triggers.js';
import { entriesOf, mapAt, nodeAt, parseYamlFile, stringOf, type YamlFile } from './yaml-file.js';

const WORKFLOW = /^\.github\/workflows\/[^/]+\.ya?ml$/;
const ACTION = /(?:^|\/)action\.ya?ml$/;

/** The workflow and action files among `files` (repository-relative paths). */
export function policyFiles(files: readonly string[]): { workflows: string[]; actions: string[] } {
  return {
    workflows: files.filter((f) => WORKFLOW.test(f)),
    actions: files.filter((f) => ACTION.test(f) && !f.split('/').includes('node_modules')),
  };
}

/**
 * Runs the workflow policy over every workflow and action file. A reusable workflow
 * (`on: workflow_call`) called from a local workflow is judged by its callers' events.
 */
export async function checkWorkflowFiles(
  root: string,
  files: readonly string[],
  context: WorkflowPolicyContext,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  const { workflows, actions } = policyFiles(files);
  const parsed: YamlFile[] = [];
  for (const file of [...workflows, ...actions]) {
    let text: string;
    try {
      text = await readFile(path.join(root, file), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue; // deleted in the work tree
      throw error;
    }
    const result = parseYamlFile(file, text);
    if ('problem' in result) {
      findings.push({
        rule: 'workflow/yaml',
        severity: 'error',
        file,
        line: result.problem.line,
        column: result.problem.column,
        message: `invalid YAML: ${result.problem.message}`,
      });
    } else parsed.push(result.yaml);
  }
  const workflowFiles = parsed.filter((y) => WORKFLOW.test(y.file));
  const callers = localCallers(workflowFiles);
  for (const yaml of workflowFiles) {
    findings.push(...checkWorkflow(yaml, effectiveTriggers(yaml, callers), context));
  }
  for (const yaml of parsed.filter((y) => !WORKFLOW.test(y.file))) {
    const runs = mapAt(yaml.doc.contents, 'runs');
    if (stringOf(nodeAt(runs, 'using')) === 'composite') {
      findings.push(...untrustedExpressionFindings(yaml, stepsOf(runs), 'composite action'));
    }
  }
  return findings;
}

/** Called workflow file → the events of the jobs that call it, tagged with the caller. */
function localCallers(workflows: readonly YamlFile[]): Map<string, EffectiveTrigger[]> {
  const callers = new Map<string, EffectiveTrigger[]>();
  for (const yaml of workflows) {
    const own = triggersOf(yaml.doc.contents);
    for (const [jobId, job] of entriesOf(nodeAt(yaml.doc.contents, 'jobs'))) {
      const uses = stringOf(nodeAt(job, 'uses'));
      if (!uses?.startsWith('./')) continue;
      const called = path.posix.normalize(uses.slice(2).split('@')[0]!);
      const events = reachableTriggers(own, stringOf(nodeAt(job, 'if'))).map((t) => ({
        ...t,
        via: `${yaml.file} job "${jobId}"`,
      }));
      callers.set(called, [...(callers.get(called) ?? []), ...events]);
    }
  }
  return callers;
}

function effectiveTriggers(yaml: YamlFile, callers: Map<string, EffectiveTrigger[]>): EffectiveTrigger[] {
  const own = triggersOf(yaml.doc.contents);
  const called = callers.get(yaml.file) ?? [];
  return own.flatMap((t) => (t.event === 'workflow_call' && called.length > 0 ? called : [t]));
}
