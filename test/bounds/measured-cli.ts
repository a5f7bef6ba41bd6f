/**
 * Runs the CLI as users do (a bundle built from the current sources, `node cli.js`) in a child process
 * under /usr/bin/time -v, reporting its peak memory. Running it through tsx instead would measure tsx
 * too (h5wasm alone costs 600 MB there).
 */
import { spawn } from 'node:child_process';
import { buildCliBundle, type CliBundle } from '../../scripts/bench/cli-bundle.js';

export interface MeasuredRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Peak resident set size of the CLI process, in bytes. */
  maxRssBytes: number;
}

export const ONE_GB = 1024 ** 3;

let bundle: Promise<CliBundle> | undefined;

/** The bundle, built once per test file; `disposeMeasuredCli` removes it (call it in afterAll). */
function cliBundle(): Promise<CliBundle> {
  bundle ??= buildCliBundle();
  return bundle;
}

export async function disposeMeasuredCli(): Promise<void> {
  if (bundle) await (await bundle).dispose();
  bundle = undefined;
}

/** `clinical-manifests ARGS…` in `cwd`, with `/usr/bin/time -v` reporting the child's peak RSS. */
export async function runMeasuredCli(args: string[], cwd: string, timeoutMs = 60_000): Promise<MeasuredRun> {
  const { file } = await cliBundle();
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-v', process.execPath, file, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1' },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      const stderr = Buffer.concat(err).toString('utf8');
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      const exit = /Exit status: (\d+)/.exec(stderr);
      const timed = stderr.indexOf('\tCommand being timed');
      resolve({
        status: exit ? Number(exit[1]) : status,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: timed >= 0 ? stderr.slice(0, timed) : stderr,
        maxRssBytes: rss ? Number(rss[1]) * 1024 : Number.NaN,
      });
    });
  });
}
