import type { ActionMetadata } from './action-inputs.js';

/**
 * How the harness runs a composite action whose work is one `node "$GITHUB_ACTION_PATH/<file>"` step
 * (regenerate): the runner gives composite steps no INPUT_* of their own, so the step's `env:` decides
 * which inputs the bundle sees (`${{ inputs.<name> }}` evaluated here, so a forgotten mapping shows as a
 * missing input in the test), and the action's outputs are what its `outputs.*.value` expressions read
 * from that step. The step that installs the action's locked packages is not run: the repository's
 * node_modules, found up the tree from the bundle, stands in for it (test/adoption runs the real install).
 */
export interface CompositeEntry {
  main: string;
  env: Record<string, string>;
  stepId: string | undefined;
}

interface CompositeStep {
  id?: string;
  run?: string;
  env?: Record<string, string>;
}

const NODE_STEP = /\bnode\s+"?\$GITHUB_ACTION_PATH\/([^"\s]+)"?/;
const INPUT_EXPRESSION = /\$\{\{\s*inputs\.([A-Za-z0-9_-]+)\s*\}\}/g;

export function compositeEntry(meta: ActionMetadata, inputValues: Record<string, string>): CompositeEntry {
  const steps = (meta.runs.steps ?? []) as CompositeStep[];
  const step = steps.find((s) => typeof s.run === 'string' && NODE_STEP.test(s.run));
  if (!step)
    throw new Error('composite action has no `node "$GITHUB_ACTION_PATH/…"` step the harness can run');
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(step.env ?? {}))
    env[key] = String(value).replace(INPUT_EXPRESSION, (_, name: string) => inputValues[name] ?? '');
  return { main: NODE_STEP.exec(step.run!)![1]!, env, stepId: step.id };
}

/** The action's outputs as its `value: ${{ steps.<id>.outputs.<name> }}` expressions read them. */
export function compositeOutputs(
  meta: ActionMetadata,
  stepId: string | undefined,
  step: Record<string, string>,
) {
  const outputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(meta.outputs)) {
    const value = (spec as { value?: string } | null)?.value ?? '';
    const match = /^\$\{\{\s*steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)\s*\}\}$/.exec(value.trim());
    if (match && match[1] === stepId && match[2]! in step) outputs[name] = step[match[2]!]!;
  }
  return outputs;
}
