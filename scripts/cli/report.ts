import { countFindings, type Finding } from '../../actions/lib/findings/finding.js';
import { type FindingFormat, formatFindings } from '../../actions/lib/findings/format-findings.js';
import { jsonEnvelope } from './json-envelope.js';

/** Every command that reports findings or failed items offers these. */
export const REPORT_FORMATS = ['text', 'json', 'github'] as const;

/** Findings as text, GitHub annotations, or the JSON envelope `{schema_version, command, …counts, findings}`. */
export function findingsReport(
  command: string,
  findings: readonly Finding[],
  format: FindingFormat,
  extra: Record<string, unknown> = {},
): string {
  if (format !== 'json') return formatFindings(findings, format, extra);
  return jsonEnvelope(command, { ...extra, ...countFindings(findings), findings });
}

/** One item that failed, for the GitHub runner: a repository file when there is one, else the job. */
export interface FailedItemNote {
  title: string;
  message: string;
  file?: string;
  severity?: 'error' | 'warning' | 'notice';
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `::error file=…,title=…::message` lines (workflow commands), one per failed item. */
export function githubAnnotations(items: readonly FailedItemNote[]): string {
  return items
    .map((i) => {
      const props = [
        ...(i.file ? [`file=${escapeProperty(i.file)}`] : []),
        `title=${escapeProperty(i.title)}`,
      ];
      return `::${i.severity ?? 'error'} ${props.join(',')}::${escapeData(i.message)}\n`;
    })
    .join('');
}
