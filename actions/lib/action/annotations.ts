import { type Finding, type Severity, sortBySeverity } from '../findings/finding.js';

/** GitHub shows at most 10 annotations of each kind per step and 50 per job; the summary has them all. */
export const DEFAULT_MAX_ANNOTATIONS = 50;

/** Errors first, then warnings, then notices, capped: the ones a reviewer must see on the diff. */
export function findingsToAnnotate(findings: readonly Finding[], max = DEFAULT_MAX_ANNOTATIONS): Finding[] {
  return sortBySeverity(findings).slice(0, Math.max(0, max));
}

/** Where annotations go: @actions/core itself (its error, warning and notice), passed in so the library never imports it. */
export type AnnotationSink = Record<
  Severity,
  (
    message: string,
    properties: { file?: string; startLine?: number; startColumn?: number; title: string },
  ) => void
>;

/** Sends the findings a reviewer must see (findingsToAnnotate) to `sink`; returns them. */
export function annotate(findings: readonly Finding[], max: number, sink: AnnotationSink): Finding[] {
  const chosen = findingsToAnnotate(findings, max);
  for (const f of chosen) {
    sink[f.severity](f.message, { file: f.file, startLine: f.line, startColumn: f.column, title: f.rule });
  }
  return chosen;
}
