/**
 * The repository's workflows and actions as one graph: which scenarios reach each workflow (its own
 * triggers, and every scenario in which a caller's job that calls it can run, to any depth, cycles
 * included), and which of its inputs carry outsider data.
 */
import path from 'node:path';
import { evaluationContext, type Scenario } from './event-scenarios.js';
import { evaluateText } from './expression-eval.js';
import { emptyScope, isTainted, type TaintScope } from './taint.js';
import { type Trigger, triggerScenarios, triggersOf } from './triggers.js';
import { entriesOf, mapAt, nodeAt, stringOf, type YamlFile } from './yaml-file.js';

/** A scenario that reaches a workflow, and the calling job when it came through workflow_call. */
export interface Reach {
  scenario: Scenario;
  via?: string;
}

export interface WorkflowUnit {
  yaml: YamlFile;
  triggers: Trigger[];
  /** Job id → the condition GitHub evaluates; absent when GitHub could not read the file. */
  jobConditions: Map<string, string> | undefined;
  reach: Map<string, Reach>;
  /** Inputs (of workflow_call) that callers fill with outsider data. */
  inputScope: TaintScope;
}

/**
 * `./path` or `$/path` of a local action → its directory. Unlike a workflow reference, nothing is
 * stripped: the runner reads `./actions/x@v1` as the folder `actions/x@v1`, not `actions/x` at v1.
 */
export function localActionDir(uses: string): string {
  return path.posix.normalize(uses.trim().slice(2)).replace(/\/+$/, '') || '.';
}

/** True for a reference to an action of this repository: `./path`, or `$/path` (same repository). */
export function isLocalAction(uses: string): boolean {
  return uses.startsWith('./') || uses.startsWith('$/');
}

export interface WorkflowIndex {
  resolveWorkflow(uses: string): WorkflowUnit | undefined;
  /** The action.yml of a local action reference (`./path`), if the repository has one. */
  resolveAction(uses: string): YamlFile | undefined;
}

/** `./.github/workflows/x.yml@ref` or `./path` → repository-relative path without `./` and ref. */
export function localPath(uses: string): string {
  return path.posix
    .normalize(
      uses
        .trim()
        .replace(/@[^/]*$/, '')
        .slice(2),
    )
    .replace(/\/+$/, '');
}

/** Every scenario in which the job can run: GitHub's condition evaluated three-valued, unknown = runs. */
export function reachingJob(unit: WorkflowUnit, jobId: string): Reach[] {
  const condition = unit.jobConditions?.get(jobId);
  return [...unit.reach.values()].filter(
    (r) => condition === undefined || evaluateText(condition, evaluationContext(r.scenario)) !== false,
  );
}

export function buildIndex(
  workflows: { yaml: YamlFile; jobConditions: Map<string, string> | undefined }[],
  actions: YamlFile[],
  defaultBranches: readonly string[],
): { units: WorkflowUnit[]; index: WorkflowIndex } {
  const units = workflows.map(({ yaml, jobConditions }) => {
    const triggers = triggersOf(yaml.doc.contents);
    const reach = new Map<string, Reach>();
    for (const t of triggers) {
      if (t.event === 'workflow_call') continue;
      for (const s of triggerScenarios(t, defaultBranches)) reach.set(s.id, { scenario: s });
    }
    return { yaml, triggers, jobConditions, reach, inputScope: emptyScope() };
  });
  const byFile = new Map(units.map((u) => [u.yaml.file, u]));
  const actionByDir = new Map(actions.map((a) => [path.posix.dirname(a.file), a]));
  const index: WorkflowIndex = {
    resolveWorkflow: (uses) => byFile.get(localPath(uses)),
    resolveAction: (uses) => actionByDir.get(localActionDir(uses)),
  };

  const called = new Set<WorkflowUnit>();
  // Fixed point: reach and tainted inputs only grow, and both are finite, so cycles end.
  for (let changed = true, round = 0; changed && round < 100; round++) {
    changed = false;
    for (const unit of units) {
      for (const [jobId, job] of entriesOf(nodeAt(unit.yaml.doc.contents, 'jobs'))) {
        const uses = stringOf(nodeAt(job, 'uses'))?.trim();
        if (!uses?.startsWith('./')) continue;
        const callee = index.resolveWorkflow(uses);
        if (!callee) continue;
        called.add(callee);
        for (const r of reachingJob(unit, jobId)) {
          if (callee.reach.has(r.scenario.id)) continue;
          callee.reach.set(r.scenario.id, {
            scenario: r.scenario,
            via: `${unit.yaml.file} job "${jobId}"${r.via ? ` ← ${r.via}` : ''}`,
          });
          changed = true;
        }
        for (const [name, value] of entriesOf(mapAt(job, 'with'))) {
          const key = name.toLowerCase();
          if (!callee.inputScope.inputs.has(key) && isTainted(stringOf(value), unit.inputScope)) {
            callee.inputScope.inputs.add(key);
            changed = true;
          }
        }
      }
    }
  }
  for (const unit of units) {
    const call = unit.triggers.find((t) => t.event === 'workflow_call');
    if (!call || called.has(unit)) continue;
    // Nothing here calls it: another repository may, with any inputs.
    for (const s of triggerScenarios(call, defaultBranches)) unit.reach.set(s.id, { scenario: s });
    unit.inputScope.inputs.add('*');
  }
  return { units, index };
}
