import path from 'node:path';
import { datasetDirectory } from '../../actions/lib/datasets/dataset-directory.js';
import { loadDatasetManifests } from '../../actions/lib/datasets/load-datasets.js';
import { UsageError } from '../../actions/lib/errors.js';
import type { CommandIo } from './command.js';

/**
 * `render --data-root DIR` means what it means everywhere: the root of all datasets. Each input must
 * lie in DIR/<dataset id>/, and that folder is its render context (annotations, segmentations).
 * Before, render took the dataset's own folder; that usage is named when it can be told apart.
 */
export async function renderDatasetFolders(
  io: CommandIo,
  dataRoot: string,
  inputs: readonly string[],
): Promise<string[]> {
  const known = (await loadDatasetManifests(io.cwd).catch(() => ({ datasets: [] }))).datasets.map(
    (d) => d.id,
  );
  const oldUsage = known.includes(path.basename(dataRoot))
    ? ` ${dataRoot} looks like one dataset's folder: --data-root is now the root of all datasets, here ${path.dirname(dataRoot)}.`
    : '';
  return inputs.map((input) => {
    const relative = path.relative(dataRoot, input);
    const [dataset] = relative.split(path.sep);
    if (relative.startsWith('..') || path.isAbsolute(relative) || !dataset || dataset === relative)
      throw new UsageError(
        `${input} is not inside a dataset folder of the data root ${dataRoot} (DIR/<dataset id>/…).${oldUsage}`,
      );
    if (known.length > 0 && !known.includes(dataset))
      throw new UsageError(
        `${input}: "${dataset}" under the data root ${dataRoot} is not a dataset id (known: ${known.join(', ')}).${oldUsage}`,
      );
    return datasetDirectory(dataRoot, dataset);
  });
}
