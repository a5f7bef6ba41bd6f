import type { Finding, Severity } from '../findings/finding.js';
import { pointerOf } from '../json/json-document.js';
import type { LoadedFile } from '../repository/load-json-file.js';
import type { DatasetManifest } from '../schema/dataset-manifest.js';
import type { Scenario } from '../schema/scenario.js';
import type { Visibility } from './repository-visibility.js';

/** Metadata keys that point at the dataset rather than copy from it. */
const REFERENCE_KEYS = new Set(['source', 'doi']);

/**
 * Scenarios whose label-bearing fields come from a dataset whose terms do not allow redistributing
 * labels: what keeps the repository private. Reported once in the guard's summary, not as findings.
 */
export function labelBearingScenarios(
  scenarios: readonly LoadedFile<Scenario>[],
  datasets: readonly LoadedFile<DatasetManifest>[],
): string[] {
  const terms = new Map(
    datasets.flatMap((d) =>
      d.value ? [[d.value.id, d.value.licence.terms.labels_redistribution] as const] : [],
    ),
  );
  return scenarios
    .filter((s) => {
      const answer = terms.get(s.value?.source?.dataset ?? '');
      return answer !== undefined && answer !== 'allowed';
    })
    .map((s) => s.file);
}

/**
 * Label-bearing fields (ground truth, metadata copied from the dataset, source labels) of scenarios
 * drawn from a dataset whose terms prohibit redistributing labels: an error in a public repository,
 * a warning when the terms are unknown or need an agreement. A private repository may hold them:
 * no finding there (the summary says what keeps it private, see labelBearingScenarios).
 */
export function labelFieldFindings(
  scenarios: readonly LoadedFile<Scenario>[],
  datasets: readonly LoadedFile<DatasetManifest>[],
  visibility: Visibility,
): Finding[] {
  if (visibility === 'private') return [];
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
    const severity: Severity = answer === 'prohibited' ? 'error' : 'warning';
    const pointers: string[] = ['/ground_truth'];
    for (const key of Object.keys(value.metadata))
      if (!REFERENCE_KEYS.has(key)) pointers.push(pointerOf(['metadata', key]));
    if (value.source?.labels && Object.keys(value.source.labels).length > 0) pointers.push('/source/labels');
    const why =
      answer === 'prohibited'
        ? `the terms of dataset "${dataset}" prohibit redistributing its labels`
        : `the terms of dataset "${dataset}" say labels_redistribution is "${answer}"`;
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
