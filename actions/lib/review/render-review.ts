import { markdownTable } from '../markdown/markdown-table.js';
import type { FieldChange } from './json-diff.js';
import { isEmptyReview, type ReviewReport } from './review-report.js';

/** Hidden marker that identifies the one pull-request comment the guard action keeps updated. */
export const REVIEW_MARKER = '<!-- clinical-manifests:review -->';

const MAX_FIELDS_SHOWN = 12;

function fields(changes: readonly FieldChange[]): string {
  if (changes.length === 0) return '—';
  const shown = changes
    .slice(0, MAX_FIELDS_SHOWN)
    .map((c) => `\`${c.pointer || '/'}\`${c.kind === 'changed' ? '' : ` (${c.kind})`}`);
  if (changes.length > MAX_FIELDS_SHOWN) shown.push(`and ${changes.length - MAX_FIELDS_SHOWN} more`);
  return shown.join(', ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * The review as GitHub-flavoured Markdown: a summary line, then tables for scenarios, regeneration,
 * datasets newly used, dataset manifests and policy. Starts with the hidden marker, then `notice`.
 */
export function renderReviewMarkdown(report: ReviewReport, notice = ''): string {
  // The notice (the pull request changes the checks) goes first, where a reviewer cannot miss it.
  const out: string[] = [REVIEW_MARKER, ...(notice ? [notice] : [])];
  out.push(`## Manifest and scenario review against \`${report.base}\``, '');
  if (isEmptyReview(report)) {
    out.push('No changes to scenarios, dataset manifests or the policy.', '');
    return out.join('\n');
  }
  const s = report.scenarios;
  out.push(
    `**Scenarios:** ${s.added.length} added, ${s.removed.length} removed, ${s.changed.length} changed. ` +
      `**Regeneration:** ${plural(report.regeneration.length, 'item')}. ` +
      `**Datasets newly used:** ${report.datasetsNewlyUsed.length}. ` +
      `**Dataset manifests changed:** ${report.datasets.length}. ` +
      `**Locks changed:** ${report.locks.length}.`,
    '',
  );
  const scenarioRows = [
    ...s.added.map((r) => ['added', r.id, r.file, r.dataset ?? 'synthetic only', '—']),
    ...s.removed.map((r) => ['removed', r.id, r.file, r.dataset ?? 'synthetic only', '—']),
    ...s.changed.map((r) => [
      r.previousFile ? `changed (moved from ${r.previousFile})` : 'changed',
      r.id,
      r.file,
      r.dataset ?? 'synthetic only',
      fields(r.fields),
    ]),
  ];
  if (scenarioRows.length > 0) {
    out.push(
      '### Scenarios',
      '',
      markdownTable(['Change', 'Scenario', 'File', 'Dataset', 'Fields'], scenarioRows),
      '',
    );
  }
  if (report.regeneration.length > 0) {
    out.push(
      '### Regeneration needed',
      '',
      markdownTable(
        ['Scenario', 'Why'],
        report.regeneration.map((r) => [r.scenario, r.reason]),
      ),
      '',
    );
  }
  if (report.datasetsNewlyUsed.length > 0) {
    out.push(
      '### Datasets newly used',
      '',
      markdownTable(
        ['Dataset', 'Acknowledgement', 'DOI', 'References', 'Licence', 'Terms prohibited or unknown'],
        report.datasetsNewlyUsed.map((d) => [
          d.missingManifest ? `${d.id} (no manifest!)` : `${d.id}${d.title ? ` — ${d.title}` : ''}`,
          d.acknowledgement,
          d.doi ?? (d.doiMissingReason ? `none: ${d.doiMissingReason}` : 'missing'),
          d.references,
          d.licence ?? '—',
          d.termsNeedingAttention.join(', ') || 'none',
        ]),
      ),
      '',
    );
  }
  if (report.datasets.length > 0) {
    out.push(
      '### Dataset manifests',
      '',
      markdownTable(
        ['Dataset', 'Change', 'Licence or terms', 'Fields'],
        report.datasets.map((d) => [
          d.id,
          d.change,
          d.change === 'added' ? 'new' : d.termsChanged ? '**changed**' : 'unchanged',
          fields(d.fields),
        ]),
      ),
      '',
    );
  }
  if (report.locks.length > 0) {
    out.push(
      '### Locks',
      '',
      markdownTable(
        ['Lock', 'Dataset', 'Change', 'Entries added', 'Entries removed', 'Entries changed', 'Tools changed'],
        report.locks.map((l) => [
          l.file,
          l.dataset ?? '—',
          l.change,
          l.entriesAdded,
          l.entriesRemoved,
          l.entriesChanged,
          l.toolsChanged ? 'yes' : 'no',
        ]),
      ),
      '',
    );
  }
  if (report.policy.length > 0)
    out.push('### Policy', '', `\`manifests/policy.json\` changed: ${fields(report.policy)}`, '');
  if (report.unreadable.length > 0) {
    out.push(
      '### Files not compared',
      '',
      markdownTable(
        ['File', 'Side', 'Why'],
        report.unreadable.map((u) => [u.file, u.side, u.reason]),
      ),
      '',
    );
  }
  return out.join('\n');
}
