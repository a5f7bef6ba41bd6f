import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from './repository-copy.js';

/**
 * A composite action (regenerate) installs its locked packages, then runs this bundle with the
 * INPUT_* variables; here the repository's node_modules stands in for the install step.
 */
const COMPOSITE_MAIN = 'dist/index.js';

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  summary: string;
  outputs: Record<string, string>;
}

/** Parses the runner's GITHUB_OUTPUT file (`name<<DELIMITER` blocks and `name=value` lines). */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2]!, i + 1);
      outputs[heredoc[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return outputs;
}

/**
 * Runs an action the way the GitHub runner does: `node <runs.main>` from its action.yml, inputs as
 * INPUT_* variables (defaults from action.yml), the summary and output files set.
 */
export async function runAction(
  name: string,
  workspace: string,
  inputs: Record<string, string>,
  env: NodeJS.ProcessEnv = {},
): Promise<ActionRun> {
  const actionDir = path.join(REPO_ROOT, 'actions', name);
  const meta = parse(await readFile(path.join(actionDir, 'action.yml'), 'utf8')) as {
    inputs?: Record<string, { default?: string }>;
    runs: { using: string; main?: string };
  };
  const temp = await mkdtemp(path.join(tmpdir(), 'cm-runner-'));
  const summaryFile = path.join(temp, 'summary.md');
  const outputFile = path.join(temp, 'output');
  await writeFile(summaryFile, '');
  await writeFile(outputFile, '');
  const inputEnv: NodeJS.ProcessEnv = {};
  for (const [key, spec] of Object.entries(meta.inputs ?? {})) {
    const value = inputs[key] ?? spec.default;
    if (value !== undefined) inputEnv[`INPUT_${key.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  const child = spawn(process.execPath, [path.join(actionDir, meta.runs.main ?? COMPOSITE_MAIN)], {
    cwd: workspace,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: workspace,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_OUTPUT: outputFile,
      RUNNER_TEMP: temp,
      ...inputEnv,
      ...env,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    code,
    stdout,
    stderr,
    summary: await readFile(summaryFile, 'utf8'),
    outputs: parseOutputs(await readFile(outputFile, 'utf8')),
  };
}
