/** Runs the built CLI (dist/cli.js through its bin) as a user would, building it first if needed. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
/** The `clinical-manifests` bin: loads dist/cli.js. */
export const CLI_BIN = path.join(REPO_ROOT, 'scripts/clinical-manifests.js');

/** The render pool's worker thread, built beside dist/cli.js. */
export const BUILT_RENDER_WORKER = path.join(REPO_ROOT, 'dist/render-worker.js');

/** Builds dist/ when it is missing (`npm test` builds it before the tests). */
export function ensureBuiltCli(): void {
  if (!existsSync(path.join(REPO_ROOT, 'dist/cli.js')) || !existsSync(BUILT_RENDER_WORKER))
    spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'ignore' });
}

/** What a run left: exit status (null when killed by a signal), the signal, and both streams. */
export interface CliRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `clinical-manifests ARGS…` in `cwd` with `env` added, and collects its output (asynchronously:
 * tests run in parallel).
 */
export function runBuiltCli(
  args: string[],
  cwd: string,
  timeoutMs = 120_000,
  env: NodeJS.ProcessEnv = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_BIN, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', ...env },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({
        status,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}
