/** Builds each attempt's pull request, runs the checks on it, and judges: caught, missed, crash, hang, leak. */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Finding } from '../../actions/lib/findings/finding.js';
import { type Attempt, PHI_MARKERS } from './attempt.js';
import { forkBase } from './base-repository.js';
import type { Payloads } from './payloads.js';
import { type CheckRun, runPullRequestChecks } from './run-checks.js';

export interface AttemptResult {
  id: string;
  cls: string;
  root: string;
  caught: boolean;
  crash: string | null;
  hang: boolean;
  leaks: string[];
  /** Building the pull request itself failed (a fault of the corpus, reported, never counted as caught). */
  buildError: string | null;
  findings: Finding[];
  durationMs: number;
  /** Peak resident memory of the checks, in MB. */
  peakRssMb: number;
}

/** Does `finding` name `file` (itself, a member of it, or a version of it in a commit)? */
export function namesFile(finding: Finding, file: string): boolean {
  const f = finding.file;
  if (f === file) return true;
  return f.startsWith(file) && /^[^A-Za-z0-9_.-]/.test(f.slice(file.length));
}

export function leaksIn(runs: readonly CheckRun[]): string[] {
  const text = runs.map((r) => r.stdout + r.stderr).join('\n');
  return PHI_MARKERS.filter((m) => text.includes(m));
}

/** Runs `items` through `work`, at most `limit` at a time, in order of completion. */
export async function pool<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i] as T);
      }
    }),
  );
  return results;
}

export interface RunContext {
  cli: string;
  base: string;
  work: string;
  payloads: Payloads;
  withHead: boolean;
}

export async function runAttempt(ctx: RunContext, attempt: Attempt): Promise<AttemptResult> {
  const started = performance.now();
  const root = path.join(ctx.work, attempt.id.replace(/[^a-z0-9-]+/gi, '_'));
  const result: AttemptResult = {
    id: attempt.id,
    cls: attempt.cls,
    root,
    caught: false,
    crash: null,
    hang: false,
    leaks: [],
    buildError: null,
    findings: [],
    durationMs: 0,
    peakRssMb: 0,
  };
  try {
    const repo = await forkBase(ctx.base, root);
    repo.cli = ctx.cli;
    await attempt.build(repo, ctx.payloads);
    await repo.git('checkout', '-q', '-f', 'pr');
  } catch (error) {
    result.buildError = String((error as Error).message ?? error).slice(0, 300);
    result.durationMs = Math.round(performance.now() - started);
    return result;
  }
  const { guard, validate } = await runPullRequestChecks(
    ctx.cli,
    root,
    ctx.withHead,
    attempt.timeoutMs ?? 60_000,
  );
  const runs = validate ? [guard, validate] : [guard];
  result.hang = runs.some((r) => r.timedOut);
  result.crash = runs.find((r) => r.crash)?.crash ?? null;
  result.leaks = leaksIn(runs);
  result.findings = runs.flatMap((r) => r.findings);
  result.peakRssMb = Math.max(...runs.map((r) => r.peakRssMb));
  const errors = result.findings.filter((f) => f.severity === 'error');
  const named = (file: string) => errors.some((f) => namesFile(f, file));
  result.caught = attempt.requireAll ? attempt.files.every(named) : attempt.files.some(named);
  result.durationMs = Math.round(performance.now() - started);
  return result;
}

/** Removes an attempt's repository early (the large ones), keeping the rest for the proofs. */
export async function dispose(result: AttemptResult): Promise<void> {
  await rm(result.root, { recursive: true, force: true });
}
