import { type ActionRun, runAction as runInHarness } from './runner/run-action.js';

export type { ActionRun };

/**
 * Runs one of this repository's actions in the runner harness (test/helpers/runner) with the given
 * inputs, in `workspace`, on the Node its action.yml names. Kept for the older tests' call shape.
 */
export function runAction(
  name: string,
  workspace: string,
  inputs: Record<string, string>,
  env: NodeJS.ProcessEnv = {},
): Promise<ActionRun> {
  return runInHarness({ action: name, workspace, inputs, env });
}
