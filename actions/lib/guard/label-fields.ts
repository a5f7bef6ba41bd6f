import type { Finding, Severity } from '../findings/finding.js';
import { pointerOf } from '../json/json-document.js';
import type { LoadedFile } from '../repository/load-json-file.js';
import type { DatasetManifest } from '../schema/dataset-manifest.js';
import type { Scenario } from '../schema/scenario.js';
import type { Visibility } from './repository-visibility.js';

/** Metadata keys that point at the dataset rather than copy from it. */
const REFERENCE_KEYS = new Set(['source', 'doi']);

/**
 * Label-bearing fields (ground truth, metadata copied from the dataset, source labels) of scenarios
 * drawn from a dataset whose terms prohibit redistributing labels: an error in a public repository,
 * a notice in a private one. Terms that are unknown or need an agreement give a warning when public.
 */
export function labelFieldFindings(
  scenarios: readonly LoadedFile<Scenario>[],
  datasets: readonly LoadedFile<DatasetManifest>[],
  visibility: Visibility,
): Finding[] {
  const terms = new Map(
    datasets.flatMap((d) =>
      d.value ? [[d.value.id, d.value.licence.terms.labels_redistribution] as const] : [],
    ),
  );
  const findings: Finding[] = [];
  for (const scenario of scenarios) {
    const value = scenario.value;
    const dataset = value?.source?.dataset;
    if (!value || !dataset || !scenario.doc) continue;
    const answer = terms.get(dataset);
    if (answer === undefined || answer === 'allowed') continue;
    let severity: Severity;
    if (visibility === 'private') severity = 'notice';
    else severity = answer === 'prohibited' ? 'error' : 'warning';
    const pointers: string[] = ['/ground_truth'];
    for (const key of Object.keys(value.metadata))
      if (!REFERENCE_KEYS.has(key)) pointers.push(pointerOf(['metadata', key]));
    if (value.source?.labels && Object.keys(value.source.labels).length > 0) pointers.push('/source/labels');
    const why =
      answer === 'prohibited'
        ? `the terms of dataset "${dataset}" prohibit redistributing its labels`
        : `the terms of dataset "${dataset}" say labels_redistribution is "${answer}"`;
    if (visibility === 'private') {
      // One notice per scenario: in a private repository this is a reminder, not a defect per field.
      findings.push({
        rule: 'guard/labels',
        severity,
        file: scenario.file,
        ...scenario.doc.locate(pointers[0]!),
        message: `label-bearing fields ${pointers.join(', ')} are copied from dataset "${dataset}"; ${why}, so this repository must stay private`,
      });
      continue;
    }
    for (const pointer of pointers) {
      findings.push({
        rule: 'guard/labels',
        severity,
        file: scenario.file,
        ...scenario.doc.locate(pointer),
        message: `label-bearing field ${pointer} copied from dataset "${dataset}" in a public repository; ${why}`,
      });
    }
  }
  return findings;
}
