import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../../findings/finding.js';
import { LAYOUT } from '../../repository/repository-layout.js';
import type { DatasetManifest } from '../../schema/dataset-manifest.js';
import { findingAt, type Rule } from '../rule.js';

const normalise = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** DOIs a scenario may cite for a dataset: the dataset's own, else those of its references. */
function citableDois(dataset: DatasetManifest): string[] {
  const refs = dataset.citation.references.flatMap((r) => (r.doi ? [r.doi.toLowerCase()] : []));
  return dataset.dataset_doi ? [dataset.dataset_doi.toLowerCase(), ...refs] : refs;
}

/** `metadata.source` must name the dataset by title or id (words compared, case ignored). */
function namesDataset(source: string, dataset: DatasetManifest): boolean {
  const s = ` ${normalise(source)} `;
  return [dataset.title, dataset.id].some((name) => s.includes(` ${normalise(name)} `));
}

/**
 * A scenario's dataset exists and its metadata agrees with it; a synthetic image exists; a real image
 * has a lock entry (pull-request CI has no data, so a missing one is a warning: "needs regeneration").
 */
export const referencesRule: Rule = ({ repo, datasetsById, lockEntriesFor }) => {
  const findings: Finding[] = [];
  for (const loaded of repo.scenarios) {
    const scenario = loaded.value;
    if (!scenario) continue;
    const at = (pointer: string, rule: string, message: string, severity: 'error' | 'warning' = 'error') =>
      findings.push(findingAt(loaded, pointer, rule, severity, message));

    const { source, metadata, synthetic } = scenario;
    const committed = (file: string) => existsSync(path.join(repo.root, LAYOUT.scenariosDir, file));
    if (synthetic && !committed(synthetic.image_file)) {
      at(
        '/synthetic/image_file',
        'references/synthetic-image',
        `synthetic image ${LAYOUT.scenariosDir}/${synthetic.image_file} does not exist; run \`clinical-manifests synth --images\``,
      );
    }
    if (!source) {
      if (synthetic && scenario.image_file !== synthetic.image_file) {
        at(
          '/image_file',
          'references/image-file',
          'a scenario without a real source must use its synthetic image as image_file',
        );
      } else if (!synthetic && !committed(scenario.image_file)) {
        at(
          '/image_file',
          'references/image-file',
          `${LAYOUT.scenariosDir}/${scenario.image_file} does not exist`,
        );
      }
      if (metadata.doi) {
        at(
          '/metadata/doi',
          'references/doi',
          'metadata.doi cites a dataset, but the scenario has no real source: its image is synthetic',
        );
      }
      continue;
    }
    const dataset = datasetsById.get(source.dataset)?.value;
    if (!dataset) {
      at(
        '/source/dataset',
        'references/dataset',
        `dataset "${source.dataset}" has no manifest in ${LAYOUT.datasetsDir}/`,
      );
      continue;
    }
    if (metadata.doi === undefined) {
      if (citableDois(dataset).length > 0)
        at('/metadata', 'references/doi', `metadata.doi is missing; cite ${dataset.id}'s DOI`, 'warning');
    } else if (!citableDois(dataset).includes(metadata.doi.toLowerCase())) {
      const expected = citableDois(dataset)[0];
      at(
        '/metadata/doi',
        'references/doi',
        `metadata.doi "${metadata.doi}" is not a DOI of dataset ${dataset.id}${expected ? ` (expected ${expected})` : ''}`,
      );
    }
    if (metadata.source === undefined) {
      at(
        '/metadata',
        'references/source',
        `metadata.source is missing; name the dataset ("${dataset.title}")`,
        'warning',
      );
    } else if (!namesDataset(metadata.source, dataset)) {
      at(
        '/metadata/source',
        'references/source',
        `metadata.source "${metadata.source}" does not name dataset ${dataset.id} ("${dataset.title}")`,
      );
    }
    if (committed(scenario.image_file)) {
      at(
        '/image_file',
        'references/image-file',
        'a scenario with a real source must name its processed output as image_file, not a synthetic image',
      );
    } else if (lockEntriesFor(dataset.id, scenario.image_file, source.path).length === 0) {
      at(
        '/image_file',
        'references/needs-regeneration',
        // The source path is not repeated: one that does not follow the layout must go nowhere.
        `no lock entry makes ${scenario.image_file} from its source.path in ${dataset.id}; needs regeneration on a runner that holds the data`,
        'warning',
      );
    }
  }
  return findings;
};
