import { countFindings, sortBySeverity } from '../findings/finding.js';
import { describeCounts, location } from '../findings/format-findings.js';
import { markdownTable } from '../markdown/markdown-table.js';
import type { GuardResult } from './run-guard.js';

const MAX_ROWS = 1000;

/** The guard's result as Markdown for the job summary: counts, then every finding (up to 1000 rows). */
export function renderGuardMarkdown(result: GuardResult): string {
  const out = [
    '## No-redistribution guard',
    '',
    `${describeCounts(countFindings(result.findings), true)} — ` +
      (result.commits === undefined
        ? `${result.scannedFiles} of ${result.trackedFiles} tracked files read by content in ${result.durationMs} ms; `
        : `${result.scannedFiles} blobs new to the base, from ${result.commits} commits and the head, read by content in ${result.durationMs} ms, judged by the base's policy; `) +
      `repository treated as ${result.visibility.visibility} (from the ${result.visibility.source}).`,
    '',
  ];
  const reminder = labelReminder(result);
  if (reminder) out.push(reminder, '');
  if (result.findings.length > 0) {
    const sorted = sortBySeverity(result.findings);
    out.push(
      markdownTable(
        ['Severity', 'Where', 'Rule', 'Message'],
        sorted.slice(0, MAX_ROWS).map((f) => [f.severity, `\`${location(f)}\``, f.rule, f.message]),
      ),
      '',
    );
    if (sorted.length > MAX_ROWS)
      out.push(`…and ${sorted.length - MAX_ROWS} more (see the JSON report).`, '');
  }
  return out.join('\n');
}

/** Why the repository must stay private, once, where it is private and holds dataset labels. */
export function labelReminder(result: Pick<GuardResult, 'labelBearing' | 'visibility'>): string {
  const n = result.labelBearing.length;
  if (n === 0 || result.visibility.visibility !== 'private') return '';
  return `${n} scenario${n === 1 ? '' : 's'} carry labels from datasets whose terms do not allow publishing them: this repository must stay private.`;
}
