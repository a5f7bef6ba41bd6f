import type { Finding } from '../../findings/finding.js';
import { LAYOUT } from '../../repository/repository-layout.js';
import type { Modality } from '../../schema/vocabulary.js';
import { findingAt, type Rule } from '../rule.js';

/** Modalities whose frames usually carry burned-in text. */
const TEXT_COMMON: ReadonlySet<Modality> = new Set<Modality>(['ultrasound', 'echo']);

/**
 * The burned-in text scan as the lock records it (issue 16): identifying text left in an output is an
 * error unless it was redacted or reviewed for exactly these pixels; an ultrasound or echo output
 * without a scan is a warning (a notice when policy exempts its dataset). Counts and categories only.
 */
export const burnedInTextRule: Rule = ({ repo, lockEntriesFor }) => {
  const findings: Finding[] = [];
  const policy = repo.policy?.value;
  const exempt = new Map((policy?.text_scan_exempt ?? []).map((e) => [e.dataset, e.reason]));
  const reviewed = new Map((policy?.reviewed_burned_in_text ?? []).map((r) => [r.output, r.pixels_sha256]));
  for (const loaded of repo.scenarios) {
    const scenario = loaded.value;
    if (!scenario?.source) continue;
    const output = scenario.image_file;
    const entries = lockEntriesFor(scenario.source.dataset, output, scenario.source.path);
    if (entries.length === 0) continue;
    for (const entry of entries) {
      const scan = entry.text_scan;
      if (!scan) continue;
      if (scan.identifying_regions > 0 && reviewed.get(output) !== entry.pixels_sha256) {
        findings.push(
          findingAt(
            loaded,
            '/source/path',
            'phi/burned-in-text',
            'error',
            scan.reviewed
              ? `${output} shows identifying burned-in text and its review in ${LAYOUT.policyFile} reviewed_burned_in_text is for other pixels; review the new image (clinical-manifests review-images)`
              : `${output} shows identifying burned-in text (${scan.categories.join(', ')}); redact it (recipe redact: "text") or review it and list it in ${LAYOUT.policyFile} reviewed_burned_in_text`,
          ),
        );
      }
    }
    if (entries.some((e) => e.text_scan) || !scenario.modality || !TEXT_COMMON.has(scenario.modality))
      continue;
    const reason = exempt.get(scenario.source.dataset);
    findings.push(
      findingAt(
        loaded,
        '/source/path',
        'phi/text-not-scanned',
        reason ? 'notice' : 'warning',
        reason
          ? `${output} (${scenario.modality}) was not scanned for burned-in text: ${LAYOUT.policyFile} exempts dataset ${scenario.source.dataset}`
          : `${output} is ${scenario.modality}, whose frames often show burned-in text, and its lock entry records no text scan; run regenerate --force --dataset ${scenario.source.dataset} (an entry locked before the scan existed is not redone otherwise)`,
      ),
    );
  }
  return findings;
};
