import type { Finding } from '../../findings/finding.js';
import { LAYOUT } from '../../repository/repository-layout.js';
import type { LockEntry } from '../../schema/lock.js';
import type { Modality } from '../../schema/vocabulary.js';
import { findingAt, type Rule } from '../rule.js';

/** Modalities whose DICOM images often carry burned-in text (ultrasound; `echo` is cardiac ultrasound). */
const BURNED_IN_COMMON: ReadonlySet<Modality> = new Set<Modality>(['ultrasound', 'echo']);

/** What a source declares across its lock entries (shards may disagree): YES wins over undeclared. */
function declaredOf(entries: readonly LockEntry[]): 'YES' | 'undeclared' | undefined {
  if (entries.some((e) => e.burned_in_annotation === 'YES')) return 'YES';
  return entries.some((e) => e.burned_in_annotation === 'undeclared') ? 'undeclared' : undefined;
}

/**
 * A scenario whose source's lock entry declares Burned In Annotation (0028,0301) YES may show patient
 * identifiers in its processed image: an error, or a notice once manifests/policy.json lists the output
 * in `reviewed_burned_in_annotation`. `undeclared` on an ultrasound scenario is a warning. The lock entry
 * is the one the references rule matches: same dataset, output = image_file, source path = source.path.
 * Only the enum is ever printed, never a DICOM value.
 */
export const burnedInAnnotationRule: Rule = ({ repo, lockEntriesFor }) => {
  const findings: Finding[] = [];
  const policy = repo.policy;
  const reviewed = new Set((policy?.value?.reviewed_burned_in_annotation ?? []).map((r) => r.output));
  const realOutputs = new Set<string>();
  for (const loaded of repo.scenarios) {
    const scenario = loaded.value;
    if (!scenario?.source) continue;
    realOutputs.add(scenario.image_file);
    const value = declaredOf(
      lockEntriesFor(scenario.source.dataset, scenario.image_file, scenario.source.path),
    );
    if (value === undefined) continue;
    const output = scenario.image_file;
    const isReviewed = reviewed.has(output);
    if (value === 'YES') {
      findings.push(
        findingAt(
          loaded,
          '/source/path',
          'phi/burned-in-annotation',
          isReviewed ? 'notice' : 'error',
          isReviewed
            ? `the source of ${output} declares Burned In Annotation (0028,0301) YES; its pixels were reviewed (${LAYOUT.policyFile} reviewed_burned_in_annotation)`
            : `the source of ${output} declares Burned In Annotation (0028,0301) YES, so the image may show patient identifiers; pick another source, or confirm the pixels were checked and list the output with a reason in ${LAYOUT.policyFile} reviewed_burned_in_annotation`,
        ),
      );
    } else if (scenario.modality && BURNED_IN_COMMON.has(scenario.modality)) {
      findings.push(
        findingAt(
          loaded,
          '/source/path',
          'phi/burned-in-undeclared',
          isReviewed ? 'notice' : 'warning',
          isReviewed
            ? `the source of ${output} is ${scenario.modality} without Burned In Annotation (0028,0301); its pixels were reviewed (${LAYOUT.policyFile} reviewed_burned_in_annotation)`
            : `the source of ${output} is ${scenario.modality} without Burned In Annotation (0028,0301), and ${scenario.modality} images often show burned-in text; check the pixels for patient identifiers, then list the output with a reason in ${LAYOUT.policyFile} reviewed_burned_in_annotation`,
        ),
      );
    }
  }

  (policy?.value?.reviewed_burned_in_annotation ?? []).forEach((entry, i) => {
    if (!realOutputs.has(entry.output) && policy) {
      findings.push(
        findingAt(
          policy,
          `/reviewed_burned_in_annotation/${i}/output`,
          'phi/burned-in-reviewed',
          'warning',
          `reviewed output "${entry.output}" is not the image_file of any scenario with a real source; remove the entry`,
        ),
      );
    }
  });
  return findings;
};
