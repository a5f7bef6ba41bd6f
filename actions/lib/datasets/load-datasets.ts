import { UsageError } from '../errors.js';
import type { Finding } from '../findings/finding.js';
import type { LoadedFile } from '../repository/load-json-file.js';
import { loadRepository } from '../repository/load-repository.js';
import { LAYOUT } from '../repository/repository-layout.js';
import type { DatasetManifest } from '../schema/dataset-manifest.js';
import { builtinDatasetIds } from './builtin-datasets.js';

/**
 * Which copy of a dataset manifest is in force: the one built into clinical-manifests, the
 * repository's own file for a dataset that is not built in, or the repository's file overriding a
 * built-in one.
 */
export type DatasetOrigin = 'built-in' | 'repository' | 'override';

function originOf(loaded: LoadedFile<DatasetManifest>, builtin: ReadonlySet<string>): DatasetOrigin {
  if (loaded.builtin) return 'built-in';
  return loaded.value && builtin.has(loaded.value.id) ? 'override' : 'repository';
}

/** One line saying which copy of a dataset manifest is in force, for `datasets info` and `list`. */
export function describeOrigin(origin: DatasetOrigin, file: string): string {
  if (origin === 'built-in') return `built into clinical-manifests (write ${file} to override it)`;
  if (origin === 'override') return `${file} in this repository, overriding the built-in copy`;
  return `${file} in this repository (not built in)`;
}

/**
 * The merged registry (the repository's manifests and the built-in ones it does not override) that
 * passed the schema, sorted by id, with where each comes from, and the findings of those that did not.
 */
export async function loadDatasetManifests(root: string): Promise<{
  datasets: DatasetManifest[];
  findings: Finding[];
  origins: Map<string, { origin: DatasetOrigin; file: string }>;
}> {
  const { datasets: loaded, findings } = await loadRepository(root, ['datasets']);
  const builtin = new Set(builtinDatasetIds());
  const origins = new Map<string, { origin: DatasetOrigin; file: string }>();
  for (const l of loaded) {
    if (l.value && !origins.has(l.value.id))
      origins.set(l.value.id, { origin: originOf(l, builtin), file: l.file });
  }
  const datasets = loaded.flatMap((l) => (l.value ? [l.value] : [])).sort((a, b) => a.id.localeCompare(b.id));
  return { datasets, findings, origins };
}

/** One dataset manifest by id and where it comes from; a usage error listing the known ids when there is none. */
export async function loadDatasetEntry(
  root: string,
  id: string,
): Promise<{ manifest: DatasetManifest; origin: DatasetOrigin; file: string }> {
  const { datasets, findings, origins } = await loadDatasetManifests(root);
  const found = datasets.find((d) => d.id === id);
  if (found) return { manifest: found, ...origins.get(id)! };
  const broken = findings.find((f) => f.file === `${LAYOUT.datasetsDir}/${id}.json`);
  if (broken) throw new UsageError(`${broken.file} is not a valid dataset manifest: ${broken.message}`);
  throw new UsageError(`unknown dataset "${id}" (known: ${datasets.map((d) => d.id).join(', ') || 'none'})`);
}

/** One dataset manifest by id; a usage error listing the known ids when there is none. */
export async function loadDatasetManifest(root: string, id: string): Promise<DatasetManifest> {
  return (await loadDatasetEntry(root, id)).manifest;
}
