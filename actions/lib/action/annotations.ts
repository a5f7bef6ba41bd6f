import type { Finding } from '../findings/finding.js';

/** GitHub shows at most 10 annotations of each kind per step and 50 per job; the summary has them all. */
export const DEFAULT_MAX_ANNOTATIONS = 50;

/** Errors first, then warnings, then notices, capped: the ones a reviewer must see on the diff. */
export function findingsToAnnotate(findings: readonly Finding[], max = DEFAULT_MAX_ANNOTATIONS): Finding[] {
  const rank = { error: 0, warning: 1, notice: 2 } as const;
  return [...findings].sort((a, b) => rank[a.severity] - rank[b.severity]).slice(0, Math.max(0, max));
}
