import { UsageError } from '../errors.js';
import type { Finding } from '../findings/finding.js';
import { loadRepository } from '../repository/load-repository.js';
import { LAYOUT } from '../repository/repository-layout.js';
import type { DatasetManifest } from '../schema/dataset-manifest.js';

/** The dataset manifests that passed the schema, sorted by id, and the findings of those that did not. */
export async function loadDatasetManifests(
  root: string,
): Promise<{ datasets: DatasetManifest[]; findings: Finding[] }> {
  const { datasets: loaded, findings } = await loadRepository(root, ['datasets']);
  const datasets = loaded.flatMap((l) => (l.value ? [l.value] : [])).sort((a, b) => a.id.localeCompare(b.id));
  return { datasets, findings };
}

/** One dataset manifest by id; a usage error listing the known ids when there is none. */
export async function loadDatasetManifest(root: string, id: string): Promise<DatasetManifest> {
  const { datasets, findings } = await loadDatasetManifests(root);
  const found = datasets.find((d) => d.id === id);
  if (found) return found;
  const broken = findings.find((f) => f.file === `${LAYOUT.datasetsDir}/${id}.json`);
  if (broken) throw new UsageError(`${broken.file} is not a valid dataset manifest: ${broken.message}`);
  throw new UsageError(`unknown dataset "${id}" (known: ${datasets.map((d) => d.id).join(', ') || 'none'})`);
}
