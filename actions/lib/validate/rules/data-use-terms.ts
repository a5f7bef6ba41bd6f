import type { Finding } from '../../findings/finding.js';
import { findingAt, type Rule } from '../rule.js';

/**
 * The terms of every dataset a scenario uses must permit each use the policy intends. A prohibition is
 * an error; "requires-agreement" and "unknown" are warnings a person must resolve before publishing.
 */
export const dataUseTermsRule: Rule = ({ repo, datasetsById }) => {
  const findings: Finding[] = [];
  const policy = repo.policy?.value;
  if (!policy) return findings;
  const used = new Set(repo.scenarios.flatMap((s) => (s.value?.source ? [s.value.source.dataset] : [])));
  for (const id of [...used].sort()) {
    const loaded = datasetsById.get(id);
    if (!loaded) continue;
    for (const use of policy.intended_use) {
      const answer = loaded.value.licence.terms[use];
      const pointer = `/licence/terms/${use}`;
      if (answer === 'prohibited') {
        findings.push(
          findingAt(
            loaded,
            pointer,
            'terms/intended-use',
            'error',
            `dataset ${id} prohibits ${use}, which manifests/policy.json intends`,
          ),
        );
      } else if (answer === 'requires-agreement') {
        findings.push(
          findingAt(
            loaded,
            pointer,
            'terms/intended-use',
            'warning',
            `dataset ${id} allows ${use} only under a separate agreement`,
          ),
        );
      } else if (answer === 'unknown') {
        findings.push(
          findingAt(
            loaded,
            pointer,
            'terms/intended-use',
            'warning',
            `dataset ${id}: whether ${use} is allowed is unverified`,
          ),
        );
      }
    }
  }
  return findings;
};
