import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { countFindings, type Finding } from '../findings/finding.js';
import { runGuard } from '../guard/run-guard.js';
import { verifiedGroundTruth } from '../labels/verified-ground-truth.js';
import type { Logger } from '../logger.js';
import { createDefaultRenderer } from '../regenerate/default-renderer.js';
import { regenerate } from '../regenerate/regenerate.js';
import { synthesizeDataRoot } from '../synth/synthesize-data-root.js';
import { validateRepository } from '../validate/validate-repository.js';
import { verifyLocks } from '../verify/verify.js';
import { createScratchRepository } from './scratch-repository.js';
import { burnedInTextDemo } from './text-scan-demo.js';

/** One step of the demo, as the report shows it. */
export interface DemoStep {
  name: string;
  ok: boolean;
  durationMs: number;
  /** Short lines saying what was checked and what came out: counts, never values from the data. */
  lines: string[];
}

export interface DemoResult {
  ok: boolean;
  workDir: string;
  steps: DemoStep[];
}

function findingLines(findings: readonly Finding[], limit = 5): string[] {
  const shown = findings.filter((f) => f.severity === 'error').slice(0, limit);
  return shown.map((f) => `${f.file}${f.line ? `:${f.line}` : ''} ${f.message}`);
}

/**
 * The main job on the embedded default: a synthetic data root in a temporary directory, a scratch
 * copy of the repository, then validate → regenerate (twice: the second must do nothing) → verify →
 * guard. The user's checkout is only read.
 */
export async function runDemo(options: {
  repoRoot: string;
  logger: Logger;
  keep?: boolean;
  onStep?: (step: DemoStep) => void;
}): Promise<DemoResult> {
  const workDir = await mkdtemp(path.join(tmpdir(), 'clinical-manifests-demo-'));
  const repo = path.join(workDir, 'repo');
  const data = path.join(workDir, 'data');
  const outputs = path.join(workDir, 'outputs');
  const cacheDir = path.join(workDir, 'cache');
  const renderer = createDefaultRenderer();
  const steps: DemoStep[] = [];

  const step = async (
    name: string,
    body: () => Promise<{ ok: boolean; lines: string[] }>,
  ): Promise<boolean> => {
    const started = performance.now();
    const { ok, lines } = await body();
    const done = { name, ok, durationMs: performance.now() - started, lines };
    steps.push(done);
    options.onStep?.(done);
    return ok;
  };

  try {
    (await step('synth', async () => {
      await createScratchRepository(options.repoRoot, repo);
      const summary = await synthesizeDataRoot(data, { repoRoot: repo });
      const files = summary.datasets.reduce((n, d) => n + d.files, 0);
      return {
        ok: true,
        lines: [
          `synthetic data root: ${summary.datasets.length} datasets, ${files} files, in their real layouts (PHI-looking DICOM headers included)`,
          'scratch git repository: a copy of manifests/, scenarios/ and workflows',
        ],
      };
    })) &&
      (await step('validate', async () => {
        const report = await validateRepository(repo);
        const { errors, warnings } = countFindings(report.findings);
        const stale = report.findings.filter((f) => f.rule === 'references/needs-regeneration').length;
        return {
          ok: errors === 0,
          lines: [
            `${report.counts.scenarios} scenarios, ${report.counts.datasets} dataset manifests: ${errors} errors, ${warnings} warnings`,
            `${stale} real-source scenarios need regeneration (no lock yet)`,
            ...findingLines(report.findings),
          ],
        };
      })) &&
      (await step('regenerate', async () => {
        const run = (commit: 'local' | 'none') =>
          regenerate({
            repoRoot: repo,
            dataRoot: data,
            outDir: outputs,
            cacheDir,
            commit,
            renderer,
            logger: options.logger,
          });
        const first = await run('local');
        const second = await run('none');
        const datasets = Object.keys(first.counts).length;
        const added = Object.values(first.counts).reduce((n, c) => n + c.added + c.changed, 0);
        return {
          ok:
            first.failures.length === 0 &&
            second.rendered === 0 &&
            second.hashed === 0 &&
            second.locksWritten.length === 0,
          lines: [
            `${added} outputs made in ${datasets} datasets (${first.rendered} rendered, ${first.hashed} sources hashed), ${first.failures.length} failed`,
            `locks written: ${first.locksWritten.join(', ') || 'none'}; committed ${first.commit ? first.commit.slice(0, 12) : 'nothing'} (lock files only)`,
            `outputs kept outside the repository: ${path.relative(workDir, first.outDir)}/`,
            `second run with nothing changed: ${second.rendered} rendered, ${second.hashed} hashed, ${second.locksWritten.length} locks written`,
            ...first.failures.slice(0, 5).map((f) => `failed: ${f.output}: ${f.reason}`),
          ],
        };
      })) &&
      (await step('verify', async () => {
        const result = await verifyLocks({
          repoRoot: repo,
          dataRoot: data,
          outputsDir: outputs,
          renderer,
          logger: options.logger,
        });
        // Issue 18: which scenarios' labels were checked against their datasets' label rows.
        const groundTruth = [...(await verifiedGroundTruth(repo))];
        const verified = groundTruth.reduce((n, [, outputs]) => n + outputs.length, 0);
        return {
          ok: result.drift.length === 0,
          lines: [
            `${result.checked} lock entries recomputed from the data (source hashes, decoded pixels, output files): ${result.drift.length} drifted`,
            `ground truth verified: ${verified} scenarios' labels match their label rows (${groundTruth.map(([d, o]) => `${d} ${o.length}`).join(', ') || 'none'}); each row's hash is in its lock entry`,
            ...result.drift.slice(0, 5).map((d) => `drift: ${d.output}: ${d.kind}`),
          ],
        };
      })) &&
      (await step('guard', async () => {
        const result = await runGuard({ root: repo });
        const { errors, warnings, notices } = countFindings(result.findings);
        const after = await validateRepository(repo);
        const validateErrors = countFindings(after.findings).errors;
        return {
          ok: errors === 0 && validateErrors === 0,
          lines: [
            `${result.trackedFiles} tracked files scanned by content: ${errors} errors, ${warnings} warnings, ${notices} notices (repository ${result.visibility.visibility})`,
            `validate after regeneration: ${validateErrors} errors, ${after.findings.filter((f) => f.rule === 'references/needs-regeneration').length} scenarios still need regeneration`,
            ...findingLines(result.findings),
          ],
        };
      })) &&
      (await step('text-scan', burnedInTextDemo)); // issue 16: burned-in text caught, redacted copy passes
    return { ok: steps.every((s) => s.ok) && steps.length === 6, workDir, steps };
  } finally {
    await renderer.close?.();
    if (!options.keep) await rm(workDir, { recursive: true, force: true });
  }
}
