import { type Finding, sortBySeverity } from '../findings/finding.js';

/** GitHub shows at most 10 annotations of each kind per step and 50 per job; the summary has them all. */
export const DEFAULT_MAX_ANNOTATIONS = 50;

/** Errors first, then warnings, then notices, capped: the ones a reviewer must see on the diff. */
export function findingsToAnnotate(findings: readonly Finding[], max = DEFAULT_MAX_ANNOTATIONS): Finding[] {
  return sortBySeverity(findings).slice(0, Math.max(0, max));
}
