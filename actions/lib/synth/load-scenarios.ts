import type { Finding } from '../findings/finding.js';
import { listFiles } from '../repository/list-files.js';
import { type LoadedFile, loadJsonFile } from '../repository/load-json-file.js';
import { LAYOUT } from '../repository/repository-layout.js';
import type { Scenario } from '../schema/scenario.js';

/** Loads scenarios/*.json only (not locks or manifests): what synth and citations need. */
export async function loadScenarioFiles(
  root: string,
): Promise<{ scenarios: LoadedFile<Scenario>[]; findings: Finding[] }> {
  const findings: Finding[] = [];
  const files = await listFiles(root, LAYOUT.scenariosDir, '.json');
  const scenarios = await Promise.all(
    files.map((f) => loadJsonFile<Scenario>(root, f, 'scenario', findings)),
  );
  return { scenarios, findings };
}
