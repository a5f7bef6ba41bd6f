import { existsSync } from 'node:fs';
import path from 'node:path';
import { type Finding, type Severity, sortBySeverity } from '../findings/finding.js';
import { LAYOUT } from '../repository/repository-layout.js';

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

/**
 * Sends the findings a reviewer must see (findingsToAnnotate) to `sink`; returns them. `root` is the
 * checked folder: findings on a dataset manifest it does not hold (built in) go without a path.
 */
export function annotate(
  findings: readonly Finding[],
  max: number,
  sink: AnnotationSink,
  prefix = '',
  root?: string,
): Finding[] {
  const chosen = findingsToAnnotate(findings, max);
  for (const f of chosen) {
    // A finding about a built-in dataset manifest (no such file in the repository) is annotated on the
    // run, not on a path GitHub cannot show. Findings on history keep their path.
    const held =
      f.file &&
      (root === undefined ||
        !f.file.startsWith(`${LAYOUT.datasetsDir}/`) ||
        existsSync(path.join(root, f.file)));
    const file = held ? annotationPath(f.file, prefix) : undefined;
    sink[f.severity](f.message, { file, startLine: f.line, startColumn: f.column, title: f.rule });
  }
  return chosen;
}
