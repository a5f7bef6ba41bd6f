/**
 * The checks a pull request gets, run as a user's shell would: the CLI from the trusted checkout (never
 * the pull request's tree) as a subprocess, so a crash or a hang is seen as one.
 */
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Finding } from '../../actions/lib/findings/finding.js';

export interface CheckRun {
  command: string;
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Peak resident memory of the process (VmHWM, sampled every 100 ms), in MB. */
  peakRssMb: number;
  findings: Finding[];
  /** Why the run counts as a crash (exit code, stack trace, unreadable output), or null. */
  crash: string | null;
}

function spawnCli(cli: string, args: string[], timeoutMs: number) {
  return new Promise<{
    code: number | null;
    stdout: string;
    stderr: string;
    timedOut: boolean;
    peakRssMb: number;
  }>((resolve) => {
    const env = { ...process.env };
    delete env.GITHUB_EVENT_PATH;
    delete env.GITHUB_ACTIONS;
    const child = spawn(process.execPath, [cli, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    let timedOut = false;
    let peakRssMb = 0;
    const sampler = setInterval(() => {
      try {
        const kb = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
        if (kb) peakRssMb = Math.max(peakRssMb, Math.round(Number(kb) / 1024));
      } catch {
        // The process has ended between two samples.
      }
    }, 100);
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      clearInterval(sampler);
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        timedOut,
        peakRssMb,
      });
    });
  });
}

const STACK = /internal error|^\s+at .+[:(]\d+:\d+\)?$|Maximum call stack|heap out of memory/im;

/** Runs one CLI command with `--format json` and judges the run. */
export async function runCheck(cli: string, args: string[], timeoutMs: number): Promise<CheckRun> {
  const r = await spawnCli(cli, [...args, '--format', 'json'], timeoutMs);
  let findings: Finding[] = [];
  let crash: string | null = null;
  if (r.timedOut) crash = null;
  else if (r.code !== 0 && r.code !== 1) crash = `exit ${r.code}: ${r.stderr.split('\n')[0]?.slice(0, 160)}`;
  else if (STACK.test(r.stderr)) crash = `stack trace on stderr: ${r.stderr.split('\n')[0]?.slice(0, 160)}`;
  if (!r.timedOut && (r.code === 0 || r.code === 1)) {
    try {
      findings = (JSON.parse(r.stdout) as { findings: Finding[] }).findings ?? [];
    } catch {
      crash ??= 'stdout is not the JSON report';
    }
  }
  return { command: args[0] ?? '', ...r, findings, crash };
}

/** Does the CLI's guard take `--head` (history scanning)? Older builds scan the work tree of the checkout. */
export async function guardTakesHead(cli: string): Promise<boolean> {
  const r = await spawnCli(cli, ['guard', '--help'], 30_000);
  return /--head\b/.test(r.stdout + r.stderr);
}

/** What validate reads: a pull request touching none of it gets the base's verdict, so validate is skipped (time). */
const VALIDATE_READS = /^(manifests\/|scenarios\/|CITATIONS\.md$)/;

/** The pull request's checks: guard over main..pr, and validate on the head when the pull request touches its content. */
export async function runPullRequestChecks(cli: string, root: string, withHead: boolean, timeoutMs: number) {
  const guardArgs = ['guard', '--repo', root, '--base', 'main', ...(withHead ? ['--head', 'pr'] : [])];
  const guard = await runCheck(cli, guardArgs, timeoutMs);
  const changed = await new Promise<string[]>((resolve) =>
    execFile(
      'git',
      ['diff', '--name-only', '--no-renames', 'main...pr'],
      { cwd: root, maxBuffer: 1 << 26 },
      (_e, out) => resolve(String(out).split('\n').filter(Boolean)),
    ),
  );
  const validate = changed.some((f) => VALIDATE_READS.test(f))
    ? await runCheck(cli, ['validate', '--repo', root], timeoutMs)
    : null;
  return { guard, validate };
}
