import { statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { datasetDirectory } from '../datasets/dataset-directory.js';
import { datasetLayouts } from '../datasets/dataset-layouts.js';
import { messageOf } from '../errors.js';
import { realDirectory, realpathOnce } from '../fs/real-paths.js';
import { removeStaleTempFiles } from '../fs/write-file-atomic.js';
import { compareCodeUnits } from '../locks/canonical-json.js';
import { listLockFiles, readDatasetLocks, writeDatasetLocks } from '../locks/lock-store.js';
import { isSafeRelativePath } from '../locks/safe-relative-path.js';
import type { Logger } from '../logger.js';
import { LAYOUT } from '../repository/repository-layout.js';
import type { LockEntry } from '../schema/lock.js';
import { textScanContext } from '../text-scan/scan-context.js';
import { checkDataRoot } from './check-roots.js';
import { commitLocks, uncommittedLocks } from './commit-locks.js';
import { commitMessage, type DatasetCounts, dataFingerprint } from './commit-record.js';
import { defaultCacheDir, HashCache } from './hash-cache.js';
import { HashPool } from './hash-pool.js';
import {
  type ContentFiles,
  dropSnapshot,
  listContentFiles,
  provenNoop,
  type SnapshotRow,
  snapshotFile,
  writeSnapshot,
} from './noop-snapshot.js';
import { assertNoFoldedCollisions } from './output-collisions.js';
import { checkOutDir, defaultOutDir } from './output-dir.js';
import { type Plan, planRegeneration, upToDate } from './plan.js';
import { type ItemOutcome, processItem } from './process-item.js';
import { resolveRecipeInputs } from './recipe-inputs.js';
import { redactPaths } from './redact-paths.js';
import type { Renderer } from './renderer.js';
import { runPool } from './run-pool.js';
import { toolVersions } from './tool-versions.js';
import { videoSlotStages } from './video-slots.js';
import {
  collectWorkItems,
  loadRequests,
  type RejectedSources,
  rejectionReason,
  requestedDatasets,
  resolveInside,
  sourceFileOf,
} from './work-items.js';
import type { WorkShare } from './work-share.js';

export interface RegenerateOptions {
  repoRoot: string;
  dataRoot: string;
  /** Outputs directory; default: under the per-user cache, one per data root. */
  outDir?: string;
  /** Limit to these datasets; default: every dataset the repository asks for or has locks of. */
  datasets?: readonly string[];
  share?: WorkShare;
  /** Items in flight at once; default: the number of cores. */
  jobs?: number;
  /** Per-item time limit; default 10 minutes. */
  timeoutMs?: number;
  force?: boolean;
  commit?: 'none' | 'local';
  renderer: Renderer;
  logger: Logger;
  /** Where hash caches live; default $CLINICAL_MANIFESTS_CACHE_DIR, $XDG_CACHE_HOME or ~/.cache. */
  cacheDir?: string;
  /** Called once the plan is made, before any work: the CLI prints it. */
  onPlan?: (plan: Plan, outDir: string) => void;
  /** Entries above which a lock is split (tests lower it). */
  splitThreshold?: number;
  signal?: AbortSignal;
}

/** One item that could not be brought up to date; its old entry (if any) stays in the lock. */
export interface FailedItem {
  dataset: string;
  output: string;
  source: string;
  reason: string;
}

export interface RegenerateResult {
  outDir: string;
  plan: Plan;
  counts: Record<string, DatasetCounts>;
  failures: FailedItem[];
  /** How many items were rendered, and files hashed: both zero when nothing changed. */
  rendered: number;
  hashed: number;
  /** Lock files written or removed, relative to the repository root. */
  locksWritten: string[];
  locksRemoved: string[];
  tools?: Record<string, string>;
  dataFingerprint?: string;
  commit?: string;
  commitMessage?: string;
}

const DEFAULT_TIMEOUT_MS = 10 * 60_000;

/** The result of a run a snapshot proved to be a no-op: every output unchanged, nothing read or written. */
function provenResult(
  rows: readonly SnapshotRow[],
  outDir: string,
  options: RegenerateOptions,
): RegenerateResult {
  const counts = countProven({}, rows);
  const plan: Plan = {
    datasets: Object.keys(counts).sort(compareCodeUnits),
    items: [],
    removals: [],
    proven: rows.length,
  };
  options.onPlan?.(plan, outDir);
  options.logger.debug(`no-op snapshot holds: ${rows.length} outputs up to date`);
  return { outDir, plan, counts, failures: [], rendered: 0, hashed: 0, locksWritten: [], locksRemoved: [] };
}

function emptyCounts(): DatasetCounts {
  return { added: 0, changed: 0, removed: 0, unchanged: 0, failed: 0 };
}

/** Counts each output a snapshot proved as unchanged in its dataset. */
function countProven(
  counts: Record<string, DatasetCounts>,
  rows: readonly SnapshotRow[],
): Record<string, DatasetCounts> {
  for (const r of rows) {
    counts[r.dataset] ??= emptyCounts();
    counts[r.dataset]!.unchanged++;
  }
  return counts;
}

/**
 * Plans and brings the locks up to date: stale outputs are rendered in parallel, written atomically
 * outside the repository, and their entries written into canonical locks; failed items keep their old
 * entries. With `commit: 'local'` the changed lock files, and only those, are committed.
 */
export async function regenerate(options: RegenerateOptions): Promise<RegenerateResult> {
  const { logger, renderer } = options;
  const repoRoot = await realDirectory(options.repoRoot, 'repository');
  const dataRoot = await realDirectory(options.dataRoot, 'data root');
  await checkDataRoot(repoRoot, dataRoot, options.dataRoot);
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  const outDir = await checkOutDir(repoRoot, options.outDir ?? defaultOutDir(cacheDir, dataRoot));
  const locksDir = path.join(repoRoot, LAYOUT.locksDir);
  // A run killed while writing leaves temp files (never named *.json); clear them first.
  await removeStaleTempFiles(locksDir);

  // Which datasets are in play: asked for by scenarios or selections, or locked. Cheap: no glob, no lock read.
  const wanted = options.datasets && options.datasets.length > 0 ? new Set(options.datasets) : undefined;
  const lockFiles = await listLockFiles(locksDir);
  const requests = await loadRequests(repoRoot);
  const candidates = [...new Set([...requestedDatasets(requests), ...lockFiles.keys()])]
    .filter((d) => !wanted || wanted.has(d))
    .sort(compareCodeUnits);

  // A dataset in which the last run found nothing to do left a snapshot; if every stat key in it still
  // holds, so does its verdict, and the dataset's locks are neither read nor its folders walked.
  const snapshotOf = (dataset: string) =>
    snapshotFile(cacheDir, { repoRoot, dataRoot, outDir, dataset, share: options.share ?? null });
  // Content folders are listed once a run, and only when a snapshot is read or written.
  let listed: Promise<ContentFiles> | undefined;
  const contentFiles = () => {
    listed ??= listContentFiles(repoRoot);
    return listed;
  };
  const provenRows: SnapshotRow[] = [];
  const datasets: string[] = [];
  for (const dataset of candidates) {
    const rows = options.force
      ? undefined
      : await provenNoop(snapshotOf(dataset), repoRoot, contentFiles, dataset, dataRoot, outDir);
    if (rows) provenRows.push(...rows);
    else datasets.push(dataset);
  }
  if (datasets.length === 0) return provenResult(provenRows, outDir, options);

  const walkedDirs = new Map<string, string[]>();
  // Sources whose paths do not follow their dataset's layout: failed, counted, never named.
  const rejected: RejectedSources[] = [];
  const [items, allLocks, sourceCache, outputCache] = await Promise.all([
    collectWorkItems(requests, dataRoot, datasets, walkedDirs, rejected),
    Promise.all(datasets.map((d) => readDatasetLocks(locksDir, d, lockFiles.get(d) ?? []))).then(
      (all) => new Map(all.map((l) => [l.dataset, l])),
    ),
    HashCache.load(cacheDir, 'sources', dataRoot),
    HashCache.load(cacheDir, 'outputs', outDir),
  ]);
  assertNoFoldedCollisions(items);
  // Files a recipe reads besides its source (EchoNet tracings, label volumes) take part in its hash.
  const inputFiles = await resolveRecipeInputs(items, dataRoot, sourceCache);
  const plan = await planRegeneration({
    items,
    locks: allLocks,
    datasets,
    dataRoot,
    outDir,
    sourceCache,
    outputCache,
    ...(options.share ? { share: options.share } : {}),
    force: options.force ?? false,
    layouts: datasetLayouts(requests.datasets),
  });
  if (provenRows.length > 0) plan.proven = provenRows.length;
  // A dataset folder that is missing (an unmounted disk) must not read as "every source deleted":
  // its entries stay, and the run fails so someone looks.
  const unavailable = new Set(
    datasets.filter(
      (d) => !statSync(datasetDirectory(dataRoot, d), { throwIfNoEntry: false })?.isDirectory(),
    ),
  );
  plan.removals = plan.removals.filter((r) => !unavailable.has(r.dataset));
  options.onPlan?.(plan, outDir);

  const counts = countProven(Object.fromEntries(datasets.map((d) => [d, emptyCounts()])), provenRows);
  const failures: FailedItem[] = [...unavailable].map((dataset) => ({
    dataset,
    output: `${dataset}/`,
    source: '',
    reason: `the dataset folder ${dataset}/ is missing under the data root; its entries are kept`,
  }));
  for (const r of rejected) {
    counts[r.dataset]!.failed += r.count;
    failures.push({ dataset: r.dataset, output: r.origin, source: '', reason: rejectionReason(r) });
  }
  const outcomes = new Map<string, ItemOutcome>();
  const work = plan.items.filter((p) => !upToDate(p));
  let rendered = 0;
  let hashed = 0;
  if (work.length > 0) {
    const jobs = Math.max(1, options.jobs ?? os.availableParallelism());
    const hashPool = new HashPool(jobs);
    const ctx = {
      dataRoot,
      outDir,
      renderer,
      hashPool,
      sourceCache,
      outputCache,
      realDir: realpathOnce(),
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      textScan: await textScanContext(repoRoot, logger), // issue 16: burned-in text scan of every output
    };
    let done = 0;
    const stages = videoSlotStages(work, (p) => p.item.recipe, jobs);
    try {
      for (const stage of stages) {
        await runPool<(typeof work)[number], ItemOutcome>(
          stage.items,
          {
            concurrency: stage.concurrency,
            timeoutMs: ctx.timeoutMs,
            ...(options.signal ? { signal: options.signal } : {}),
            onSettled: (planned, result) => {
              done++;
              if (result.ok) {
                outcomes.set(planned.item.output, result.value);
                if (result.value.rendered) rendered++;
              } else {
                const { item } = planned;
                failures.push({
                  dataset: item.dataset,
                  output: item.output,
                  source: item.source,
                  reason: redactPaths(
                    messageOf(result.error),
                    sourceFileOf(dataRoot, item),
                    item.source,
                    dataRoot,
                  ),
                });
              }
              if (done % 100 === 0 || done === work.length) logger.info(`processed ${done}/${work.length}`);
            },
          },
          (planned, signal) => processItem(planned, ctx, signal),
        );
      }
    } finally {
      hashed = hashPool.hashed;
      await hashPool.close();
      await Promise.all([sourceCache.save(), outputCache.save()]);
    }
  }

  // New entries per dataset: previous entries outside this run's share stay; failed items keep theirs.
  const removed = new Set(plan.removals.map((r) => `${r.dataset}\0${r.entry.output}`));
  const entriesByDataset = new Map<string, Map<string, LockEntry>>();
  for (const dataset of datasets) {
    const previous = allLocks.get(dataset)?.entries ?? new Map<string, LockEntry>();
    const merged = new Map<string, LockEntry>();
    for (const [output, entry] of previous)
      if (!removed.has(`${dataset}\0${output}`)) merged.set(output, entry);
    entriesByDataset.set(dataset, merged);
  }
  // An output nothing asks for any more is deleted too: derived images of licensed data should not
  // linger on a runner. Only the exact path the lock recorded, and only inside the outputs directory.
  for (const r of plan.removals) {
    counts[r.dataset]!.removed++;
    if (isSafeRelativePath(r.entry.output)) await rm(resolveInside(outDir, r.entry.output), { force: true });
  }
  const failed = new Set(failures.map((f) => f.output));
  for (const planned of plan.items) {
    const { item, previous } = planned;
    const c = counts[item.dataset]!;
    const outcome = outcomes.get(item.output);
    if (upToDate(planned)) c.unchanged++;
    else if (!outcome) {
      c.failed++;
      if (!failed.has(item.output)) {
        const reason = planned.source ? 'not processed: the run was interrupted' : 'source file is missing';
        failures.push({ dataset: item.dataset, output: item.output, source: item.source, reason });
      }
    } else {
      c[outcome.status]++;
      if (outcome.entry !== previous) entriesByDataset.get(item.dataset)!.set(item.output, outcome.entry);
    }
  }
  const newEntries = new Map([...entriesByDataset].map(([d, m]) => [d, [...m.values()]]));
  failures.sort((a, b) => compareCodeUnits(a.output, b.output));

  const result: RegenerateResult = {
    outDir,
    plan,
    counts,
    failures,
    rendered,
    hashed,
    locksWritten: [],
    locksRemoved: [],
  };
  let tools: Record<string, string> | undefined;
  const getTools = async () => (tools ??= await toolVersions(renderer));
  // Datasets whose lock files this run wrote or removed.
  const changedDatasets = new Set<string>();
  for (const dataset of datasets) {
    const written = await writeDatasetLocks(
      locksDir,
      dataset,
      allLocks.get(dataset),
      newEntries.get(dataset)!,
      getTools,
      { splitThreshold: options.splitThreshold },
    );
    result.locksWritten.push(...written.written.map((f) => `${LAYOUT.locksDir}/${f}`));
    result.locksRemoved.push(...written.removed.map((f) => `${LAYOUT.locksDir}/${f}`));
    if (written.written.length + written.removed.length > 0) changedDatasets.add(dataset);
  }
  if (tools) result.tools = tools;
  // Each dataset in which this run found nothing to do leaves a snapshot for the next run.
  for (const dataset of datasets) {
    const mine = plan.items.filter((p) => p.item.dataset === dataset);
    const noop =
      !unavailable.has(dataset) &&
      !rejected.some((r) => r.dataset === dataset) &&
      mine.every((p) => upToDate(p) && p.outputKey) &&
      !plan.removals.some((r) => r.dataset === dataset) &&
      !changedDatasets.has(dataset);
    if (!noop) {
      await dropSnapshot(snapshotOf(dataset));
      continue;
    }
    const rows = mine.map((p) => ({
      dataset,
      source: p.item.source,
      output: p.item.output,
      sourceKey: p.source!.key,
      outputKey: p.outputKey!,
    }));
    await writeSnapshot(
      snapshotOf(dataset),
      repoRoot,
      contentFiles,
      dataset,
      walkedDirs.get(dataset) ?? [],
      rows,
      inputFiles.get(dataset) ?? [],
    );
  }
  // The fingerprint covers every dataset in scope; datasets a snapshot proved were not read, so read them
  // now, but only when it is needed (a commit), never on a run that changes nothing.
  const fingerprint = async () => {
    if (provenRows.length === 0) return dataFingerprint(newEntries);
    const all = new Map(newEntries);
    for (const dataset of new Set(provenRows.map((r) => r.dataset))) {
      const locks = await readDatasetLocks(locksDir, dataset, lockFiles.get(dataset) ?? []);
      all.set(dataset, [...locks.entries.values()]);
    }
    return dataFingerprint(all);
  };
  if (provenRows.length === 0) result.dataFingerprint = await fingerprint();
  // Lock files that already differ from HEAD: a run killed between writing its locks and committing
  // them left them behind, and this run, finding the locks up to date, would otherwise never commit.
  const pending = options.commit === 'local' ? await uncommittedLocks(repoRoot) : [];
  if (options.commit === 'local' && (changedDatasets.size > 0 || pending.length > 0)) {
    result.dataFingerprint ??= await fingerprint();
    const message = commitMessage({
      datasets: counts,
      tools: await getTools(),
      dataFingerprint: result.dataFingerprint!,
      ...(options.share ? { shard: `${options.share.index}/${options.share.count}` } : {}),
    });
    const files = new Set([...result.locksWritten, ...result.locksRemoved, ...pending]);
    const sha = await commitLocks(repoRoot, [...files], message);
    if (sha) {
      result.commit = sha;
      result.commitMessage = message;
    }
  }
  return result;
}
