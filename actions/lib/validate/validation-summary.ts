import { countFindings } from '../findings/finding.js';
import { describeCounts } from '../findings/format-findings.js';
import { cell, markdownTable } from '../markdown/markdown-table.js';
import type { ValidationReport } from './validate-repository.js';

const ICON = { error: '❌', warning: '⚠️', notice: 'ℹ️' } as const;
const TERM_MARK = {
  allowed: '✅ allowed',
  prohibited: '⛔ prohibited',
  'requires-agreement': '📝 agreement',
  unknown: '❔ unknown',
} as const;

/** The job summary: totals, the datasets the scenarios use with citation and terms, then every finding. */
export function validationSummaryMarkdown(
  report: ValidationReport,
  title = 'clinical-manifests validate',
  /** The findings the table lists (the action caps them); the counts are always of all findings. */
  listed: ValidationReport['findings'] = report.findings,
): string {
  const counts = countFindings(report.findings);
  const c = report.counts;
  const parts = [
    `## ${title}`,
    '',
    `${counts.errors === 0 ? '✅' : '❌'} **${describeCounts(counts)}** — ${c.scenarios} scenarios, ${c.datasets} dataset manifests, ${c.locks} locks (${c.lockEntries} entries), ${c.selections} selections.`,
    '',
    `Intended use (manifests/policy.json): ${report.intendedUse.join(', ') || 'not stated'}.`,
    '',
    '### Datasets used',
    '',
  ];
  if (report.datasetsUsed.length === 0) parts.push('No scenario uses a real dataset yet.');
  else {
    parts.push(
      markdownTable(
        [
          'Dataset',
          'Scenarios',
          'DOI',
          'Acknowledgement',
          'References',
          'Commercial use',
          'Redistribution',
          'Labels redistribution',
        ],
        report.datasetsUsed.map((d) => [
          `${d.title} (\`${d.id}\`)`,
          d.scenarios.join(', '),
          d.doi ?? 'none',
          d.acknowledgement ? '✅' : '❌ missing',
          d.references,
          TERM_MARK[d.terms.commercial_use],
          TERM_MARK[d.terms.redistribution],
          TERM_MARK[d.terms.labels_redistribution],
        ]),
      ),
    );
  }
  parts.push('', '### Findings', '');
  if (listed.length === 0) parts.push('None.');
  else {
    parts.push(
      markdownTable(
        ['', 'Where', 'Rule', 'Message'],
        listed.map((f) => [
          ICON[f.severity],
          `\`${cell(f.file)}${f.line ? `:${f.line}` : ''}\``,
          f.rule,
          f.message,
        ]),
      ),
    );
  }
  return `${parts.join('\n')}\n`;
}
