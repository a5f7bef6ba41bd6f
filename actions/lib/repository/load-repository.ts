import type { Finding } from '../findings/finding.js';
import type { DatasetManifest } from '../schema/dataset-manifest.js';
import type { Lock } from '../schema/lock.js';
import type { Policy } from '../schema/policy.js';
import type { Scenario } from '../schema/scenario.js';
import type { Selection } from '../schema/selection.js';
import { listFiles } from './list-files.js';
import { type LoadedFile, loadJsonFile } from './load-json-file.js';
import { LAYOUT } from './repository-layout.js';

/** Everything the checks read, loaded once. Files that failed to load keep their findings. */
export interface Repository {
  root: string;
  datasets: LoadedFile<DatasetManifest>[];
  scenarios: LoadedFile<Scenario>[];
  locks: LoadedFile<Lock>[];
  selections: LoadedFile<Selection>[];
  policy?: LoadedFile<Policy>;
  /** Findings from reading, parsing and schema checks. */
  findings: Finding[];
}

/** Loads every content file of a repository in parallel, in a stable order. */
export async function loadRepository(root: string): Promise<Repository> {
  const findings: Finding[] = [];
  const [datasetFiles, scenarioFiles, lockFiles, selectionFiles, policyFiles] = await Promise.all([
    listFiles(root, LAYOUT.datasetsDir, '.json'),
    listFiles(root, LAYOUT.scenariosDir, '.json'),
    listFiles(root, LAYOUT.locksDir, '.json', true),
    listFiles(root, LAYOUT.selectionsDir, '.json'),
    listFiles(root, 'manifests', 'policy.json'),
  ]);
  const load = <T>(files: string[], schema: Parameters<typeof loadJsonFile>[2], toolWritten = false) =>
    Promise.all(files.map((f) => loadJsonFile<T>(root, f, schema, findings, { toolWritten })));
  const [datasets, scenarios, locks, selections] = await Promise.all([
    load<DatasetManifest>(datasetFiles, 'dataset'),
    load<Scenario>(scenarioFiles, 'scenario'),
    load<Lock>(lockFiles, 'lock', true),
    load<Selection>(selectionFiles, 'selection'),
  ]);
  const repo: Repository = { root, datasets, scenarios, locks, selections, findings };
  if (policyFiles.includes(LAYOUT.policyFile)) {
    repo.policy = await loadJsonFile<Policy>(root, LAYOUT.policyFile, 'policy', findings);
  } else {
    findings.push({
      rule: 'policy',
      severity: 'error',
      file: LAYOUT.policyFile,
      message: 'missing: the policy states the intended use that every dataset’s terms are checked against',
    });
  }
  return repo;
}
