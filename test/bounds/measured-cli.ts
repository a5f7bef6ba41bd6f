/** Runs the CLI from source in a child process under /usr/bin/time -v, reporting its peak memory. */
import { spawn } from 'node:child_process';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const MAIN = path.join(REPO_ROOT, 'scripts/cli/main.ts');

export interface MeasuredRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Peak resident set size of the CLI process, in bytes. */
  maxRssBytes: number;
}

/** `clinical-manifests ARGS…` in `cwd`, with `/usr/bin/time -v` reporting the child's peak RSS. */
export function runMeasuredCli(args: string[], cwd: string, timeoutMs = 60_000): Promise<MeasuredRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      '/usr/bin/time',
      ['-v', process.execPath, '--import', import.meta.resolve('tsx'), MAIN, ...args],
      {
        cwd,
        env: { ...process.env, NO_COLOR: '1' },
      },
    );
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
      resolve({
        status: exit ? Number(exit[1]) : status,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: stderr.slice(0, stderr.indexOf('\tCommand being timed')),
        maxRssBytes: rss ? Number(rss[1]) * 1024 : Number.NaN,
      });
    });
  });
}

export const ONE_GB = 1024 ** 3;
