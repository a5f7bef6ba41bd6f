import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';

export interface ActionMetadata {
  inputs: Record<string, { default?: string; required?: boolean }>;
  outputs: Record<string, unknown>;
  runs: { using: string; main?: string; steps?: unknown[] };
}

export async function readActionMetadata(actionDir: string): Promise<ActionMetadata> {
  const meta = parse(await readFile(path.join(actionDir, 'action.yml'), 'utf8')) as Partial<ActionMetadata>;
  if (!meta.runs) throw new Error(`${actionDir}/action.yml has no runs`);
  return { inputs: meta.inputs ?? {}, outputs: meta.outputs ?? {}, runs: meta.runs };
}

/** The runner's name for an input's variable: spaces to `_`, upper case, hyphens kept. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/**
 * Every declared input as the runner sets it: the `with:` value, else the default (the one expression
 * the actions use in a default, `${{ github.token }}`, evaluated), else empty. Throws on an input the
 * action does not declare, where the runner only warns, so a test cannot pass one by mistake.
 */
export function inputEnvironment(
  meta: ActionMetadata,
  given: Record<string, string>,
  context: { token: string },
): Record<string, string> {
  for (const name of Object.keys(given))
    if (!(name in meta.inputs)) throw new Error(`input ${name} is not declared in action.yml`);
  const env: Record<string, string> = {};
  for (const [name, spec] of Object.entries(meta.inputs)) {
    const raw = given[name] ?? String(spec.default ?? '');
    env[inputVariable(name)] = raw.replace(/\$\{\{\s*github\.token\s*\}\}/g, context.token);
  }
  return env;
}
