import type { Finding } from '../../findings/finding.js';
import { checkSyntheticSpec } from '../../synth/synthetic-image.js';
import { findingAt, type Rule } from '../rule.js';

/** Each scenario's `synthetic` block names a known generator with valid parameters, so it can be remade. */
export const syntheticSpecRule: Rule = ({ repo }) => {
  const findings: Finding[] = [];
  for (const loaded of repo.scenarios) {
    const synthetic = loaded.value?.synthetic;
    if (!synthetic) continue;
    for (const problem of checkSyntheticSpec(synthetic)) {
      findings.push(findingAt(loaded, '/synthetic', 'synthetic/spec', 'error', `synthetic: ${problem}`));
    }
  }
  return findings;
};
