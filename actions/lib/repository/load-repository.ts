import { withBuiltinDatasets } from '../datasets/builtin-datasets.js';
import type { Finding } from '../findings/finding.js';
import type { DatasetManifest } from '../schema/dataset-manifest.js';
import type { Lock } from '../schema/lock.js';
import type { Policy } from '../schema/policy.js';
import type { Scenario } from '../schema/scenario.js';
import type { Selection } from '../schema/selection.js';
import { listFiles } from './list-files.js';
import { jsonBudget, type LoadedFile, loadJsonFile } from './load-json-file.js';
import { LAYOUT } from './repository-layout.js';

/** Everything the checks read, loaded once. Files that failed to load keep their findings. */
export interface Repository {
  root: string;
  /** The repository's dataset manifests, then the built-in ones it does not override. */
  datasets: LoadedFile<DatasetManifest>[];
  scenarios: LoadedFile<Scenario>[];
  locks: LoadedFile<Lock>[];
  selections: LoadedFile<Selection>[];
  policy?: LoadedFile<Policy>;
  /** Findings from reading, parsing and schema checks. */
  findings: Finding[];
}

export type RepositoryPart = 'datasets' | 'scenarios' | 'locks' | 'selections' | 'policy';
const ALL_PARTS: readonly RepositoryPart[] = ['datasets', 'scenarios', 'locks', 'selections', 'policy'];

/**
 * Loads the content files of a repository in parallel, in a stable order: all of them, or only the
 * parts a caller needs (so a command that reads scenarios never parses a 224,316-entry lock).
 */
export async function loadRepository(
  root: string,
  parts: readonly RepositoryPart[] = ALL_PARTS,
): Promise<Repository> {
  const findings: Finding[] = [];
  const want = new Set(parts);
  const list = (part: RepositoryPart, dir: string, suffix: string, recursive = false) =>
    want.has(part) ? listFiles(root, dir, suffix, recursive) : Promise.resolve([]);
  const [datasetFiles, scenarioFiles, lockFiles, selectionFiles, policyFiles] = await Promise.all([
    list('datasets', LAYOUT.datasetsDir, '.json'),
    list('scenarios', LAYOUT.scenariosDir, '.json'),
    list('locks', LAYOUT.locksDir, '.json', true),
    list('selections', LAYOUT.selectionsDir, '.json'),
    list('policy', 'manifests', 'policy.json'),
  ]);
  const budget = jsonBudget();
  const load = <T>(files: string[], schema: Parameters<typeof loadJsonFile>[2], toolWritten = false) =>
    Promise.all(files.map((f) => loadJsonFile<T>(root, f, schema, findings, { toolWritten, budget })));
  const [datasets, scenarios, locks, selections] = await Promise.all([
    load<DatasetManifest>(datasetFiles, 'dataset'),
    load<Scenario>(scenarioFiles, 'scenario'),
    load<Lock>(lockFiles, 'lock', true),
    load<Selection>(selectionFiles, 'selection'),
  ]);
  const repo: Repository = {
    root,
    datasets: want.has('datasets') ? withBuiltinDatasets(datasets) : datasets,
    scenarios,
    locks,
    selections,
    findings,
  };
  if (policyFiles.includes(LAYOUT.policyFile)) {
    repo.policy = await loadJsonFile<Policy>(root, LAYOUT.policyFile, 'policy', findings);
  } else if (want.has('policy')) {
    findings.push({
      rule: 'policy',
      severity: 'error',
      file: LAYOUT.policyFile,
      message: 'missing: the policy states the intended use that every dataset’s terms are checked against',
    });
  }
  return repo;
}
