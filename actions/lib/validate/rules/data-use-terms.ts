import type { Finding, Severity } from '../../findings/finding.js';
import type { TermAnswer } from '../../schema/vocabulary.js';
import { findingAt, type Rule } from '../rule.js';

/** What each answer other than "allowed" means for a use the policy intends. */
const ANSWERS: Partial<
  Record<TermAnswer, { severity: Severity; message: (id: string, use: string) => string }>
> = {
  prohibited: {
    severity: 'error',
    message: (id, use) => `dataset ${id} prohibits ${use}, which manifests/policy.json intends`,
  },
  'requires-agreement': {
    severity: 'warning',
    message: (id, use) => `dataset ${id} allows ${use} only under a separate agreement`,
  },
  unknown: {
    severity: 'warning',
    message: (id, use) => `dataset ${id}: whether ${use} is allowed is unverified`,
  },
};

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
      const answer = ANSWERS[loaded.value.licence.terms[use]];
      if (answer) {
        findings.push(
          findingAt(
            loaded,
            `/licence/terms/${use}`,
            'terms/intended-use',
            answer.severity,
            answer.message(id, use),
          ),
        );
      }
    }
  }
  return findings;
};
