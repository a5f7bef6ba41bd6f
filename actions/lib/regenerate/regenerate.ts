import path from 'node:path';
import { realDirectory } from '../fs/real-paths.js';
import { removeStaleTempFiles } from '../fs/write-file-atomic.js';
import { compareCodeUnits } from '../locks/canonical-json.js';
import { listLockFiles } from '../locks/lock-store.js';
import { LAYOUT } from '../repository/repository-layout.js';
import { checkDataRoot } from './check-roots.js';
import { commitRun, fingerprintOf } from './commit-run.js';
import { countProven, emptyCounts } from './dataset-counts.js';
import { gatherPlan } from './gather-plan.js';
import { defaultCacheDir } from './hash-cache.js';
import { mergeEntries } from './merge-entries.js';
import { checkOutDir, defaultOutDir } from './output-dir.js';
import { upToDate } from './plan.js';
import type { FailedItem, RegenerateOptions, RegenerateResult } from './regenerate-types.js';
import { removeOutputs } from './remove-outputs.js';
import { rejectedFailure, unavailableFailure } from './run-failures.js';
import { runItems } from './run-items.js';
import { saveSnapshots } from './save-snapshots.js';
import { provenResult, type RunRoots, scopeDatasets } from './scope-datasets.js';
import { toolVersions } from './tool-versions.js';
import { loadRequests } from './work-items.js';
import { writeRunLocks } from './write-run-locks.js';

export type { FailedItem, RegenerateOptions, RegenerateResult } from './regenerate-types.js';

/** Resolves and checks the repository, data root, outputs directory and cache directory. */
async function resolveRoots(options: RegenerateOptions): Promise<RunRoots> {
  const repoRoot = await realDirectory(options.repoRoot, 'repository');
  const dataRoot = await realDirectory(options.dataRoot, 'data root');
  await checkDataRoot(repoRoot, dataRoot, options.dataRoot);
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  const outDir = await checkOutDir(repoRoot, options.outDir ?? defaultOutDir(cacheDir, dataRoot));
  return { repoRoot, dataRoot, outDir, cacheDir };
}

/**
 * Plans and brings the locks up to date: stale outputs are rendered in parallel (processItem, one
 * item at a time through its steps), written atomically outside the repository, and their entries
 * written into canonical locks; failed items keep their old entries. With `commit: 'local'` the
 * changed lock files, and only those, are committed.
 */
export async function regenerate(options: RegenerateOptions): Promise<RegenerateResult> {
  const roots = await resolveRoots(options);
  const { repoRoot, dataRoot, outDir } = roots;
  const locksDir = path.join(repoRoot, LAYOUT.locksDir);
  // A run killed while writing leaves temp files (never named *.json); clear them first.
  await removeStaleTempFiles(locksDir);
  const lockFiles = await listLockFiles(locksDir);
  const requests = await loadRequests(repoRoot);
  const scope = await scopeDatasets(roots, requests, lockFiles.keys(), options);
  const { datasets, provenRows } = scope;
  if (datasets.length === 0) return provenResult(provenRows, outDir, options);

  const gathered = await gatherPlan(roots, locksDir, lockFiles, requests, datasets, options);
  const { plan, locks } = gathered;
  if (provenRows.length > 0) plan.proven = provenRows.length;
  options.onPlan?.(plan, outDir);

  const counts = countProven(Object.fromEntries(datasets.map((d) => [d, emptyCounts()])), provenRows);
  const failures: FailedItem[] = [...gathered.unavailable].map(unavailableFailure);
  for (const r of gathered.rejected) {
    counts[r.dataset]!.failed += r.count;
    failures.push(rejectedFailure(r));
  }
  const run = await runItems(
    plan.items.filter((p) => !upToDate(p)),
    { ...options, dataRoot, outDir, sourceCache: gathered.sourceCache, outputCache: gathered.outputCache },
  );
  failures.push(...run.failures);
  const entries = mergeEntries(plan, datasets, locks, run.outcomes, counts, failures);
  await removeOutputs(outDir, plan.removals);
  failures.sort((a, b) => compareCodeUnits(a.output, b.output));

  let tools: Record<string, string> | undefined;
  const getTools = async () => (tools ??= await toolVersions(options.renderer));
  const written = await writeRunLocks(locksDir, datasets, locks, entries, getTools, options.splitThreshold);
  const result: RegenerateResult = {
    outDir,
    plan,
    counts,
    failures,
    rendered: run.rendered,
    hashed: run.hashed,
    locksWritten: written.written,
    locksRemoved: written.removed,
  };
  if (tools) result.tools = tools;
  await saveSnapshots(repoRoot, datasets, plan, gathered, written.changedDatasets, scope);
  const fingerprint = fingerprintOf(entries, provenRows, locksDir, lockFiles);
  if (provenRows.length === 0) result.dataFingerprint = await fingerprint();
  if (options.commit === 'local') {
    await commitRun(repoRoot, result, written.changedDatasets.size > 0, fingerprint, getTools, options.share);
  }
  return result;
}
