import { spawn } from 'node:child_process';

import { mkdir, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../repository-copy.js';
import { inputEnvironment, inputVariable, readActionMetadata } from './action-inputs.js';
import { compositeEntry, compositeOutputs } from './composite-step.js';
import type { RunnerEvent } from './event-payloads.js';
import { parseFileCommand } from './file-commands.js';
import { type NodeRuntime, nodeExecutable, runtimeOf } from './node-runtimes.js';
import { type Annotation, applyMasks, parseWorkflowCommands } from './workflow-commands.js';

/** The runner drops a step summary larger than this (1 MiB) and shows none. */
export const STEP_SUMMARY_LIMIT = 1024 * 1024;

export interface RunActionOptions {
  /** `validate`, `guard` or `regenerate` (this repository's committed bundle), or an action directory. */
  action: string;
  workspace: string;
  /** The step's `with:`; every other declared input gets its default or empty. */
  inputs?: Record<string, string>;
  /** Default: what `runs.using` says (node24 for all three). */
  node?: NodeRuntime;
  event?: RunnerEvent;
  /** `owner/name` (GITHUB_REPOSITORY). */
  repository?: string;
  /** `github.token`: the default of a `token` input whose default is `${{ github.token }}`. */
  token?: string;
  /** GITHUB_API_URL: the REST double. */
  apiUrl?: string;
  /** GITHUB_SERVER_URL: the git HTTP double. */
  serverUrl?: string;
  /** RUNNER_TEMP, shared by the steps of one job. */
  runnerTemp?: string;
  /** Extra variables (the job's `env:`, or a self-hosted runner's .env). */
  env?: NodeJS.ProcessEnv;
}

export interface ActionRun {
  code: number | null;
  /** What the process wrote, unmasked (for checks that the action itself never printed a secret). */
  stdout: string;
  stderr: string;
  /** The step log as the runner shows it: command lines consumed, masks applied. */
  log: string;
  summary: string;
  summaryBytes: number;
  /** The summary was over 1 MiB, so the runner dropped it. */
  summaryDropped: boolean;
  outputs: Record<string, string>;
  exportedEnv: Record<string, string>;
  state: Record<string, string>;
  annotations: Annotation[];
  masks: string[];
  runtime: NodeRuntime;
}

function actionDirectory(action: string): string {
  return path.isAbsolute(action) ? action : path.join(REPO_ROOT, 'actions', action);
}

async function runnerFiles(runnerTemp: string) {
  const dir = await mkdtemp(path.join(runnerTemp, '_runner_file_commands-'));
  const files = {
    GITHUB_OUTPUT: path.join(dir, 'set_output'),
    GITHUB_ENV: path.join(dir, 'set_env'),
    GITHUB_STATE: path.join(dir, 'save_state'),
    GITHUB_STEP_SUMMARY: path.join(dir, 'step_summary'),
    GITHUB_PATH: path.join(dir, 'add_path'),
  };
  for (const file of Object.values(files)) await writeFile(file, '');
  return files;
}

/**
 * Runs an action as the GitHub runner does: `node <runs.main>` of its action.yml with the Node that
 * `runs.using` names (or the one asked for), cwd the workspace, every declared input as INPUT_*, the
 * runner's variables and file commands, an empty HOME, and nothing else from this process's environment.
 */
export async function runAction(options: RunActionOptions): Promise<ActionRun> {
  const actionDir = actionDirectory(options.action);
  const meta = await readActionMetadata(actionDir);
  const composite = meta.runs.using === 'composite';
  // A composite's `node` step runs on the machine's Node: both are tested, node24 unless asked.
  const runtime = options.node ?? (composite ? 'node24' : runtimeOf(meta.runs.using));
  const runnerTemp = options.runnerTemp ?? (await mkdtemp(path.join(tmpdir(), 'cm-runner-temp-')));
  const home = await mkdtemp(path.join(tmpdir(), 'cm-runner-home-'));
  const files = await runnerFiles(runnerTemp);
  const repository = options.repository ?? 'acme/bench';
  const token = options.token ?? '';
  const event = options.event;
  let eventPath = '';
  if (event) {
    eventPath = path.join(runnerTemp, `event-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
    await writeFile(eventPath, JSON.stringify(event.payload));
  }
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_REPOSITORY: repository,
    GITHUB_REPOSITORY_OWNER: repository.split('/')[0]!,
    GITHUB_SERVER_URL: options.serverUrl ?? 'https://github.invalid',
    GITHUB_API_URL: options.apiUrl ?? 'https://api.github.invalid',
    GITHUB_GRAPHQL_URL: `${options.apiUrl ?? 'https://api.github.invalid'}/graphql`,
    GITHUB_EVENT_NAME: event?.name ?? 'push',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REF: event?.ref ?? 'refs/heads/main',
    GITHUB_REF_NAME: (event?.ref ?? 'refs/heads/main').replace(/^refs\/(heads|tags)\//, ''),
    GITHUB_SHA: event?.sha ?? '',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_NUMBER: '7',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'harness',
    GITHUB_ACTION: '__self',
    GITHUB_ACTION_PATH: actionDir,
    GITHUB_ACTOR: 'octocat',
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_TEMP: runnerTemp,
    RUNNER_TOOL_CACHE: path.join(runnerTemp, '_tool'),
    ...files,
  };
  const inputs = inputEnvironment(meta, options.inputs ?? {}, { token });
  const entry = composite
    ? compositeEntry(
        meta,
        Object.fromEntries(Object.keys(meta.inputs).map((name) => [name, inputs[inputVariable(name)] ?? ''])),
      )
    : undefined;
  Object.assign(env, entry ? entry.env : inputs);
  for (const [key, value] of Object.entries(options.env ?? {})) if (value !== undefined) env[key] = value;
  const child = spawn(nodeExecutable(runtime), [path.join(actionDir, entry?.main ?? meta.runs.main ?? '')], {
    cwd: options.workspace,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));

  const commands = parseWorkflowCommands(stdout);
  const stepOutputs = parseFileCommand(await readFile(files.GITHUB_OUTPUT, 'utf8'));
  const summaryBytes = (await stat(files.GITHUB_STEP_SUMMARY)).size;
  const summaryDropped = summaryBytes > STEP_SUMMARY_LIMIT;
  const visible = `${stdout}\n${stderr}`
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
  return {
    code,
    stdout,
    stderr,
    log: applyMasks(visible, commands.masks),
    summary: summaryDropped ? '' : await readFile(files.GITHUB_STEP_SUMMARY, 'utf8'),
    summaryBytes,
    summaryDropped,
    outputs: entry ? compositeOutputs(meta, entry.stepId, stepOutputs) : stepOutputs,
    exportedEnv: parseFileCommand(await readFile(files.GITHUB_ENV, 'utf8')),
    state: parseFileCommand(await readFile(files.GITHUB_STATE, 'utf8')),
    annotations: commands.annotations,
    masks: commands.masks,
    runtime,
  };
}

/** A RUNNER_TEMP for the steps of one job. */
export async function jobTemp(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'cm-runner-temp-'));
  await mkdir(dir, { recursive: true });
  return dir;
}
