import type { Gathered } from './gather-plan.js';
import { dropSnapshot, writeSnapshot } from './noop-snapshot.js';
import { type Plan, upToDate } from './plan.js';
import type { DatasetScope } from './scope-datasets.js';

/**
 * Each dataset in which this run found nothing to do leaves a snapshot for the next run; any other
 * dataset's snapshot is dropped.
 */
export async function saveSnapshots(
  repoRoot: string,
  datasets: readonly string[],
  plan: Plan,
  gathered: Pick<Gathered, 'unavailable' | 'rejected' | 'walkedDirs' | 'inputFiles'>,
  changedDatasets: ReadonlySet<string>,
  scope: Pick<DatasetScope, 'snapshotOf' | 'contentFiles'>,
): Promise<void> {
  for (const dataset of datasets) {
    const mine = plan.items.filter((p) => p.item.dataset === dataset);
    const noop =
      !gathered.unavailable.has(dataset) &&
      !gathered.rejected.some((r) => r.dataset === dataset) &&
      mine.every((p) => upToDate(p) && p.outputKey) &&
      !plan.removals.some((r) => r.dataset === dataset) &&
      !changedDatasets.has(dataset);
    if (!noop) {
      await dropSnapshot(scope.snapshotOf(dataset));
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
      scope.snapshotOf(dataset),
      repoRoot,
      scope.contentFiles,
      dataset,
      gathered.walkedDirs.get(dataset) ?? [],
      rows,
      gathered.inputFiles.get(dataset) ?? [],
    );
  }
}
