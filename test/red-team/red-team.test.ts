/**
 * The red-team corpus of issue 14: about 130 pull requests made by code, each hiding licensed-looking data
 * or opening a path to the data runners, run through the checks a pull request gets (guard over
 * main..pr and validate, as CLI subprocesses built from this trusted checkout), and 20 ordinary pull
 * requests that must find nothing. Prints a per-class table; RED_TEAM_REPORT=1 prints it without
 * failing on the thresholds, to see the gaps.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../actions/lib/findings/finding.js';
import { buildCliBundle, type CliBundle } from '../../scripts/bench/cli-bundle.js';
import { makeBaseRepository } from './base-repository.js';
import { redTeamCorpus } from './corpus.js';
import { type AttemptResult, dispose, pool, type RunContext, runAttempt } from './corpus-runner.js';
import { ordinaryPullRequests } from './ordinary-prs.js';
import { makePayloads } from './payloads.js';
import { runProofs } from './proofs.js';
import { formatReport, summarize } from './report.js';
import { guardTakesHead, runCheck } from './run-checks.js';

const REPORT_ONLY = process.env.RED_TEAM_REPORT === '1';
/** RED_TEAM_ONLY=<regex>: run only the matching attempts and ordinary pull requests (to look at a gap). */
const only = process.env.RED_TEAM_ONLY ? new RegExp(process.env.RED_TEAM_ONLY) : null;
/** A title that says why its test is skipped in a RED_TEAM_ONLY or RED_TEAM_REPORT run. */
const unless = (skipped: boolean, why: string, title: string) =>
  skipped ? `${title} (skipped: ${why})` : title;
const ONLY_WHY = 'RED_TEAM_ONLY runs some classes only';
const REPORT_WHY = 'RED_TEAM_REPORT=1 only writes the report';
const corpus = redTeamCorpus().filter((a) => !only || only.test(a.id));
const ordinary = ordinaryPullRequests().filter((a) => !only || only.test(a.id));

let bundle: CliBundle;
let work: string;
let results: AttemptResult[] = [];
let ordinaryResults: AttemptResult[] = [];
let proofs = new Map<string, string | null>();
let baseFindings: Finding[] = [];
let baseGuardFindings: Finding[] = [];
let baseValidateErrors = 0;

const key = (f: Finding) => `${f.rule}|${f.severity}|${f.file}|${f.message}`;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'red-team-'));
  bundle = await buildCliBundle();
  const payloadDir = path.join(work, 'payloads');
  const base = path.join(work, 'base');
  await (await import('node:fs/promises')).mkdir(payloadDir);
  const [payloads] = await Promise.all([makePayloads(payloadDir), makeBaseRepository(base)]);
  const ctx: RunContext = {
    cli: bundle.file,
    base,
    work,
    payloads,
    withHead: await guardTakesHead(bundle.file),
  };

  const guard = await runCheck(bundle.file, ['guard', '--repo', base], 60_000);
  const validate = await runCheck(bundle.file, ['validate', '--repo', base], 60_000);
  baseFindings = [...guard.findings, ...validate.findings];
  baseGuardFindings = guard.findings;
  baseValidateErrors = validate.findings.filter((f) => f.severity === 'error').length;

  // The slow attempts (those with their own timeout) first, so that the others run beside them.
  const ordered = [...corpus].sort((a, b) => Number(Boolean(b.timeoutMs)) - Number(Boolean(a.timeoutMs)));
  results = await pool(ordered, 2, async (attempt) => {
    const r = await runAttempt(ctx, attempt);
    if (attempt.timeoutMs) await dispose(r);
    return r;
  });
  results = corpus.map((a) => results.find((r) => r.id === a.id) as AttemptResult);
  ordinaryResults = await pool(ordinary, 2, (pr) => runAttempt(ctx, { ...pr, cls: 'ordinary', files: [] }));
  const jobs = corpus
    .filter((a) => a.proof && !a.timeoutMs)
    .map((a) => ({ id: a.id, root: results.find((r) => r.id === a.id)?.root ?? '', code: a.proof ?? '' }));
  proofs = await runProofs(jobs, payloadDir);

  const noProof = corpus.filter((a) => !a.proof).map((a) => a.id);
  const report = formatReport(results, proofs, noProof);
  const ordinaryLines = ordinaryResults.map((r) => {
    const fresh = r.findings.filter((f) => !baseFindings.some((b) => key(b) === key(f)));
    return `  ${r.id}: ${r.buildError ? `BUILD ERROR ${r.buildError}` : `${fresh.length} new finding(s)${fresh.length ? ` ${fresh.map((f) => `${f.severity} ${f.rule} ${f.file}`).join('; ')}` : ''}`}`;
  });
  const text = `${report}\nordinary pull requests (guard history head flag: ${ctx.withHead}):\n${ordinaryLines.join('\n')}\n`;
  const file = path.join(tmpdir(), 'red-team-report.txt');
  await writeFile(file, text);
  // Every finding of every attempt, for looking at why one was caught or missed.
  await writeFile(
    path.join(tmpdir(), 'red-team-results.json'),
    JSON.stringify(
      [...results, ...ordinaryResults].map(({ root: _root, ...r }) => r),
      null,
      1,
    ),
  );
  console.log(`${text}\n(report written to ${file})`);
}, 900_000);

afterAll(async () => {
  await bundle?.dispose();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('red-team corpus (issue 14)', () => {
  it.skipIf(only)(
    unless(!!only, ONLY_WHY, 'covers every class of the issue with at least 100 attempts, each built'),
    () => {
      expect(corpus.length).toBeGreaterThanOrEqual(100);
      expect(results.filter((r) => r.buildError).map((r) => `${r.id}: ${r.buildError}`)).toEqual([]);
    },
  );

  it.skipIf(only)(
    unless(!!only, ONLY_WHY, 'every payload comes back out with a standard tool where one exists'),
    () => {
      expect([...proofs].filter(([, why]) => why !== null)).toEqual([]);
      expect(corpus.filter((a) => a.proof).length).toBeGreaterThanOrEqual(corpus.length * 0.85);
    },
  );

  it.skipIf(REPORT_ONLY || corpus.length === 0)(
    unless(
      REPORT_ONLY || corpus.length === 0,
      REPORT_ONLY ? REPORT_WHY : 'the corpus is empty',
      'catches at least 98% as errors naming the file, with no crash, hang, leak or check over 1 GB',
    ),
    () => {
      const s = summarize(results, proofs);
      expect(s.crashes).toEqual([]);
      expect(s.hangs).toEqual([]);
      expect(s.leaks).toEqual([]);
      expect(s.overMemory).toEqual([]);
      const missed = results.filter((r) => !r.caught).map((r) => r.id);
      expect(s.caught / s.attempts, `missed: ${missed.join(', ')}`).toBeGreaterThanOrEqual(0.98);
    },
  );

  it("finds nothing on the repository's own content", () => {
    expect(baseGuardFindings).toEqual([]);
    expect(baseValidateErrors).toBe(0);
  });

  it.skipIf(REPORT_ONLY || only)(
    unless(
      REPORT_ONLY || !!only,
      REPORT_ONLY ? REPORT_WHY : ONLY_WHY,
      'finds nothing new on 20 ordinary pull requests',
    ),
    () => {
      expect(ordinaryResults.length).toBeGreaterThanOrEqual(20);
      for (const r of ordinaryResults) {
        expect(r.buildError, r.id).toBeNull();
        expect(r.crash, r.id).toBeNull();
        expect(r.hang, r.id).toBe(false);
        // Of any severity, notices included: only what the base already reports is discounted.
        const fresh = r.findings.filter((f) => !baseFindings.some((b) => key(b) === key(f)));
        expect(fresh, r.id).toEqual([]);
      }
    },
  );
});
