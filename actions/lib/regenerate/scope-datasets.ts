import { compareCodeUnits } from '../locks/canonical-json.js';
import { countProven } from './dataset-counts.js';
import {
  type ContentFiles,
  listContentFiles,
  provenNoop,
  type SnapshotRow,
  snapshotFile,
} from './noop-snapshot.js';
import type { Plan } from './plan.js';
import type { RegenerateOptions, RegenerateResult } from './regenerate-types.js';
import { type Requests, requestedDatasets } from './work-items.js';

/** The run's roots, resolved and checked. */
export interface RunRoots {
  repoRoot: string;
  dataRoot: string;
  outDir: string;
  cacheDir: string;
}

/** Which datasets a run must look at, and which a snapshot proved up to date. */
export interface DatasetScope {
  /** Datasets to plan, sorted. */
  datasets: string[];
  /** Outputs of the datasets a snapshot proved up to date: not read, not walked. */
  provenRows: SnapshotRow[];
  snapshotOf: (dataset: string) => string;
  /** Content folders, listed once a run and only when a snapshot is read or written. */
  contentFiles: () => Promise<ContentFiles>;
}

/**
 * Datasets in play: asked for by scenarios or selections, or locked (cheap: no glob, no lock read).
 * A dataset in which the last run found nothing to do left a snapshot; if every stat key in it still
 * holds, so does its verdict, and the dataset's locks are neither read nor its folders walked.
 */
export async function scopeDatasets(
  roots: RunRoots,
  requests: Requests,
  lockedDatasets: Iterable<string>,
  options: Pick<RegenerateOptions, 'datasets' | 'share' | 'force'>,
): Promise<DatasetScope> {
  const { repoRoot, dataRoot, outDir, cacheDir } = roots;
  const wanted = options.datasets && options.datasets.length > 0 ? new Set(options.datasets) : undefined;
  const candidates = [...new Set([...requestedDatasets(requests), ...lockedDatasets])]
    .filter((d) => !wanted || wanted.has(d))
    .sort(compareCodeUnits);
  const snapshotOf = (dataset: string) =>
    snapshotFile(cacheDir, { repoRoot, dataRoot, outDir, dataset, share: options.share ?? null });
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
  return { datasets, provenRows, snapshotOf, contentFiles };
}

/** The result of a run a snapshot proved to be a no-op: every output unchanged, nothing read or written. */
export function provenResult(
  rows: readonly SnapshotRow[],
  outDir: string,
  options: Pick<RegenerateOptions, 'onPlan' | 'logger'>,
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
