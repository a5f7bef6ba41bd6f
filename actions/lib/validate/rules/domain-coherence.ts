import type { Finding } from '../../findings/finding.js';
import { pointerOf } from '../../json/json-document.js';
import type { LabelField } from '../../schema/dataset-manifest.js';
import { findingAt, type Rule } from '../rule.js';

function labelValueProblem(field: LabelField, value: string | number): string | undefined {
  if (field.type === 'number') {
    return typeof value === 'number' && Number.isFinite(value)
      ? undefined
      : `label "${field.name}" is a number`;
  }
  const allowed = field.values ?? [];
  if (allowed.length === 0 || allowed.some((v) => String(v.value) === String(value))) return undefined;
  return `label "${field.name}" takes one of ${allowed.map((v) => JSON.stringify(v.value)).join(', ')}`;
}

/**
 * A real source must fit its case: the dataset images that modality and anatomy, and the ground truth
 * comes from the dataset's own label vocabulary. This is what catches a CT-abdomen case drawn from a
 * chest CT dataset, or a valve-disease case drawn from a dataset with no valve labels.
 */
export const domainCoherenceRule: Rule = ({ repo, datasetsById }) => {
  const findings: Finding[] = [];
  for (const loaded of repo.scenarios) {
    const scenario = loaded.value;
    const dataset = scenario?.source ? datasetsById.get(scenario.source.dataset)?.value : undefined;
    if (!scenario?.source || !dataset) continue;
    const at = (pointer: string, rule: string, message: string) =>
      findings.push(findingAt(loaded, pointer, rule, 'error', message));

    if (scenario.modality === undefined || scenario.anatomy === undefined) {
      at(
        '',
        'domain/declared',
        `a scenario with a real source must declare modality and anatomy, so its fit with dataset ${dataset.id} can be checked`,
      );
    }
    if (scenario.modality !== undefined && !dataset.modalities.includes(scenario.modality)) {
      at(
        '/modality',
        'domain/modality',
        `modality "${scenario.modality}" is not in dataset ${dataset.id} (${dataset.modalities.join(', ')})`,
      );
    }
    (scenario.anatomy ?? []).forEach((region, i) => {
      if (!dataset.anatomy.includes(region)) {
        at(
          `/anatomy/${i}`,
          'domain/anatomy',
          `anatomy "${region}" is not covered by dataset ${dataset.id} (${dataset.anatomy.join(', ')})`,
        );
      }
    });

    const vocabulary = new Set(dataset.label_fields.flatMap((f) => f.findings.map((t) => t.toLowerCase())));
    scenario.findings.forEach((finding, i) => {
      if (!vocabulary.has(finding.toLowerCase())) {
        at(
          `/findings/${i}`,
          'domain/label-vocabulary',
          `finding "${finding}" is not in dataset ${dataset.id}'s label vocabulary (${[...vocabulary].join(', ') || 'none'})`,
        );
      }
    });

    const labels = Object.entries(scenario.source.labels);
    // Issue 18: findings that only what the images hold grounds (a segmentation, a slide) have no label
    // row to check; say so instead of asking for a label no file holds.
    const imageHeld = new Set(
      dataset.label_fields
        .filter((f) => (f.held_in ?? 'label-file') !== 'label-file')
        .flatMap((f) => f.findings.map((t) => t.toLowerCase())),
    );
    if (
      labels.length === 0 &&
      scenario.findings.length > 0 &&
      scenario.findings.every((f) => imageHeld.has(f.toLowerCase()))
    ) {
      findings.push(
        findingAt(
          loaded,
          '/source/labels',
          'domain/labels',
          'notice',
          `the findings rest on what dataset ${dataset.id}'s images hold (${dataset.label_fields
            .filter((f) => (f.held_in ?? 'label-file') !== 'label-file')
            .map((f) => f.name)
            .join(', ')}); no label row backs them, so there is nothing to verify against a label file`,
        ),
      );
    } else if (labels.length === 0) {
      at(
        '/source/labels',
        'domain/labels',
        `the ground truth must come from dataset ${dataset.id}'s labels; name at least one (${dataset.label_fields.map((f) => f.name).join(', ')})`,
      );
    }
    for (const [name, value] of labels) {
      const field = dataset.label_fields.find((f) => f.name === name);
      const pointer = pointerOf(['source', 'labels', name]);
      if (!field) {
        at(
          pointer,
          'domain/labels',
          `dataset ${dataset.id} has no label "${name}" (it has ${dataset.label_fields.map((f) => f.name).join(', ')})`,
        );
        continue;
      }
      const problem = labelValueProblem(field, value);
      if (problem) at(pointer, 'domain/labels', problem);
    }
  }
  return findings;
};
