/** Findings are data: every check returns them, every face renders the same list. */
export type Severity = 'error' | 'warning' | 'notice';

export interface Finding {
  /** Stable rule id, e.g. `schema`, `citation/acknowledgement`. */
  rule: string;
  severity: Severity;
  /** Path relative to the repository root, with forward slashes. */
  file: string;
  line?: number;
  column?: number;
  message: string;
}

export interface FindingCounts {
  errors: number;
  warnings: number;
  notices: number;
}

export function countFindings(findings: readonly Finding[]): FindingCounts {
  const counts = { errors: 0, warnings: 0, notices: 0 };
  for (const f of findings) {
    if (f.severity === 'error') counts.errors++;
    else if (f.severity === 'warning') counts.warnings++;
    else counts.notices++;
  }
  return counts;
}

/** Stable order: by file, line, column, then rule and message, so reports diff cleanly. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.rule.localeCompare(b.rule) ||
      a.message.localeCompare(b.message),
  );
}

/** Errors first, then warnings, then notices; a stable sort, so each group keeps its order. */
export function sortBySeverity(findings: readonly Finding[]): Finding[] {
  const rank = { error: 0, warning: 1, notice: 2 } as const;
  return [...findings].sort((a, b) => rank[a.severity] - rank[b.severity]);
}

/** Exit code convention shared by every checking command: 0 clean, 1 findings that fail. */
export function exitCodeFor(findings: readonly Finding[], strict: boolean): 0 | 1 {
  const { errors, warnings } = countFindings(findings);
  return errors > 0 || (strict && warnings > 0) ? 1 : 0;
}
