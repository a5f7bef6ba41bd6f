import { compareCodeUnits } from '../locks/canonical-json.js';
import { type Plan, planCounts, upToDate } from './plan.js';
import type { RegenerateResult } from './regenerate.js';

const LIST_LIMIT = 50;

/** The plan as a person reads it: totals, where outputs go, then the stale outputs with their reasons. */
export function formatPlan(plan: Plan, outDir: string): string {
  const c = planCounts(plan);
  const lines = [
    `plan: ${c.total} output${c.total === 1 ? '' : 's'} in ${plan.datasets.length} dataset${plan.datasets.length === 1 ? '' : 's'}: ${c.stale} to check or make, ${c.upToDate} up to date, ${c.missingSources} missing source${c.missingSources === 1 ? '' : 's'}, ${c.removals} to remove`,
    `outputs: ${outDir}`,
  ];
  const stale = plan.items.filter((p) => !upToDate(p));
  for (const p of stale.slice(0, LIST_LIMIT)) {
    lines.push(
      `  ${p.source ? 'stale  ' : 'missing'}  ${p.item.output}  (${p.source ? p.reasons.join(', ') : 'source missing'})`,
    );
  }
  if (stale.length > LIST_LIMIT) lines.push(`  … and ${stale.length - LIST_LIMIT} more`);
  for (const r of plan.removals.slice(0, LIST_LIMIT))
    lines.push(
      `  remove   ${r.unprintable ? `(an entry of ${r.dataset} whose paths do not follow its layout)` : r.entry.output}`,
    );
  if (plan.removals.length > LIST_LIMIT)
    lines.push(`  … and ${plan.removals.length - LIST_LIMIT} more removals`);
  return `${lines.join('\n')}\n`;
}

/** The run's outcome: a table of counts per dataset, every failure, the lock files touched, the commit. */
export function formatResult(result: RegenerateResult): string {
  const header = ['dataset', 'added', 'changed', 'removed', 'unchanged', 'failed'];
  const rows = Object.keys(result.counts)
    .sort(compareCodeUnits)
    .map((d) => {
      const c = result.counts[d]!;
      return [d, c.added, c.changed, c.removed, c.unchanged, c.failed].map(String);
    });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ');
  const lines = [line(header), ...rows.map(line)];
  if (result.failures.length > 0) {
    lines.push(`failed (${result.failures.length}; their old entries are kept):`);
    for (const f of result.failures)
      lines.push(`  ${f.output}${f.source === '' ? '' : `  (source ${f.source})`}: ${f.reason}`);
  }
  lines.push(`rendered ${result.rendered}, hashed ${result.hashed} file${result.hashed === 1 ? '' : 's'}`);
  for (const f of result.locksWritten) lines.push(`wrote ${f}`);
  for (const f of result.locksRemoved) lines.push(`removed ${f}`);
  if (result.locksWritten.length + result.locksRemoved.length === 0) lines.push('locks unchanged');
  if (result.commit) lines.push(`committed ${result.commit}`);
  return `${lines.join('\n')}\n`;
}

/** The run as one JSON document (for `--format json` and the action). */
export function resultJson(result: RegenerateResult): Record<string, unknown> {
  return {
    outDir: result.outDir,
    plan: planCounts(result.plan),
    datasets: result.counts,
    failures: result.failures,
    rendered: result.rendered,
    hashed: result.hashed,
    locksWritten: result.locksWritten,
    locksRemoved: result.locksRemoved,
    ...(result.tools ? { tools: result.tools } : {}),
    ...(result.dataFingerprint ? { dataFingerprint: result.dataFingerprint } : {}),
    ...(result.commit ? { commit: result.commit } : {}),
  };
}

/** Markdown for a job summary: counts per dataset and the failures (capped; the log has them all). */
export function resultMarkdown(result: RegenerateResult, title = 'Regenerate'): string {
  const lines = [
    `## ${title}`,
    '',
    '| dataset | added | changed | removed | unchanged | failed |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const d of Object.keys(result.counts).sort(compareCodeUnits)) {
    const c = result.counts[d]!;
    lines.push(
      `| ${escapeCell(d)} | ${c.added} | ${c.changed} | ${c.removed} | ${c.unchanged} | ${c.failed} |`,
    );
  }
  if (result.failures.length > 0) {
    lines.push('', `### Failed items (${result.failures.length}, old entries kept)`, '');
    for (const f of result.failures.slice(0, 100))
      lines.push(`- \`${escapeCode(f.output)}\`: ${escapeCell(f.reason)}`);
    if (result.failures.length > 100)
      lines.push(`- … and ${result.failures.length - 100} more (see the log)`);
  }
  lines.push(
    '',
    `Lock files written: ${result.locksWritten.length}, removed: ${result.locksRemoved.length}.`,
  );
  if (result.commit) lines.push(`Commit: \`${result.commit}\`.`);
  lines.push('Outputs stay on the runner; nothing but lock files leaves it.', '');
  return lines.join('\n');
}

function escapeCell(s: string): string {
  return s.replace(/[|<>\n\r]/g, (c) => (c === '|' ? '\\|' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : ' '));
}

function escapeCode(s: string): string {
  return s.replace(/[`\n\r]/g, ' ');
}
