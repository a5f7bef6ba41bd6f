import { countFindings, type Finding, type FindingCounts } from './finding.js';

export type FindingFormat = 'text' | 'json' | 'github';

/** Escapes for GitHub workflow commands, as the runner unescapes them. */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `::error file=…,line=…,col=…,title=…::message` for one finding. */
export function githubAnnotation(f: Finding): string {
  const kind = f.severity === 'notice' ? 'notice' : f.severity;
  const props = [`file=${escapeProperty(f.file)}`];
  if (f.line !== undefined) props.push(`line=${f.line}`);
  if (f.column !== undefined) props.push(`col=${f.column}`);
  props.push(`title=${escapeProperty(f.rule)}`);
  return `::${kind} ${props.join(',')}::${escapeData(f.message)}`;
}

/** `file`, `file:line` or `file:line:column`. */
export function location(f: Finding): string {
  if (f.line === undefined) return f.file;
  return f.column === undefined ? `${f.file}:${f.line}` : `${f.file}:${f.line}:${f.column}`;
}

/** Renders findings for a terminal, a machine, or the GitHub runner. Ends with a newline. */
export function formatFindings(
  findings: readonly Finding[],
  format: FindingFormat,
  extra: Record<string, unknown> = {},
): string {
  const counts = countFindings(findings);
  if (format === 'json') return `${JSON.stringify({ ...extra, ...counts, findings }, null, 2)}\n`;
  if (format === 'github') return findings.map((f) => `${githubAnnotation(f)}\n`).join('');
  const lines = findings.map((f) => `${location(f)}  ${f.severity}  ${f.message}  [${f.rule}]`);
  lines.push(describeCounts(counts));
  return `${lines.join('\n')}\n`;
}

/** "2 errors, 1 warning" (and the notices when asked): the count line every report shows. */
export function describeCounts(counts: FindingCounts, withNotices = false): string {
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  const parts = [n(counts.errors, 'error'), n(counts.warnings, 'warning')];
  if (withNotices) parts.push(n(counts.notices, 'notice'));
  return parts.join(', ');
}
