import { statSync } from 'node:fs';
import { datasetDirectory } from '../datasets/dataset-directory.js';
import { datasetLayouts } from '../datasets/dataset-layouts.js';
import { applyGroundTruth } from '../labels/ground-truth.js';
import { type DatasetLocks, readDatasetLocks } from '../locks/lock-store.js';
import { HashCache } from './hash-cache.js';
import { assertNoFoldedCollisions } from './output-collisions.js';
import { type Plan, planRegeneration } from './plan.js';
import { resolveRecipeInputs } from './recipe-inputs.js';
import type { RunRoots } from './scope-datasets.js';
import { collectWorkItems, type RejectedSources, type Requests } from './work-items.js';
import type { WorkShare } from './work-share.js';

/** What planning learnt: the plan and everything later steps need of it. */
export interface Gathered {
  plan: Plan;
  locks: Map<string, DatasetLocks>;
  sourceCache: HashCache;
  outputCache: HashCache;
  /** Dataset folders walked, per dataset, for the no-op snapshot. */
  walkedDirs: Map<string, string[]>;
  /** Files recipes read besides their sources, per dataset, for the no-op snapshot. */
  inputFiles: Map<string, string[]>;
  /** Sources whose paths do not follow their dataset's layout: failed, counted, never named. */
  rejected: RejectedSources[];
  /** Datasets whose folder is missing under the data root: their entries stay. */
  unavailable: Set<string>;
}

/**
 * Expands requests into work items, reads the datasets' locks and hash caches, and plans which
 * outputs are stale. A dataset folder that is missing (an unmounted disk) must not read as "every
 * source deleted": its removals are dropped, and the run fails so someone looks.
 */
export async function gatherPlan(
  roots: RunRoots,
  locksDir: string,
  lockFiles: ReadonlyMap<string, string[]>,
  requests: Requests,
  datasets: readonly string[],
  options: { share?: WorkShare; force?: boolean },
): Promise<Gathered> {
  const { dataRoot, outDir, cacheDir } = roots;
  const walkedDirs = new Map<string, string[]>();
  const rejected: RejectedSources[] = [];
  const [items, locks, sourceCache, outputCache] = await Promise.all([
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
  // Selections by label keep only their picks; scenarios' labels are checked against their rows, and
  // the label files take part in the hash of the items they ground.
  for (const [d, files] of await applyGroundTruth(items, requests, dataRoot))
    inputFiles.set(d, [...(inputFiles.get(d) ?? []), ...files]);
  const plan = await planRegeneration({
    items,
    locks,
    datasets,
    dataRoot,
    outDir,
    sourceCache,
    outputCache,
    ...(options.share ? { share: options.share } : {}),
    force: options.force ?? false,
    layouts: datasetLayouts(requests.datasets),
  });
  const unavailable = new Set(
    datasets.filter(
      (d) => !statSync(datasetDirectory(dataRoot, d), { throwIfNoEntry: false })?.isDirectory(),
    ),
  );
  plan.removals = plan.removals.filter((r) => !unavailable.has(r.dataset));
  return { plan, locks, sourceCache, outputCache, walkedDirs, inputFiles, rejected, unavailable };
}
