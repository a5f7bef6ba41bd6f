import path from 'node:path';
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

/**
 * The annotation path of a finding: GitHub resolves `file=` against the repository root (the
 * workspace), while findings are relative to the checked folder (`repo-path`), so a sub-folder is
 * prefixed. `prefix` is that folder relative to the workspace ('' for the root).
 */
export function annotationPath(file: string, prefix: string): string {
  if (!prefix || prefix === '.') return file;
  return path.posix.join(prefix.split(path.sep).join('/'), file);
}

/** Sends the findings a reviewer must see (findingsToAnnotate) to `sink`; returns them. */
export function annotate(
  findings: readonly Finding[],
  max: number,
  sink: AnnotationSink,
  prefix = '',
): Finding[] {
  const chosen = findingsToAnnotate(findings, max);
  for (const f of chosen) {
    const file = f.file ? annotationPath(f.file, prefix) : f.file;
    sink[f.severity](f.message, { file, startLine: f.line, startColumn: f.column, title: f.rule });
  }
  return chosen;
}
