import { exitCodeFor } from '../../../actions/lib/findings/finding.js';
import { validateRepository } from '../../../actions/lib/validate/validate-repository.js';
import { type Command, directoryOption, formatOption, parseCommandArgs } from '../command.js';
import { findingsReport, REPORT_FORMATS } from '../report.js';

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check manifests and scenarios: schema, references, domain, citations, data-use terms, PHI',
  usage: `
usage: clinical-manifests validate [--repo DIR] [--format text|json|github] [--strict]

  --repo DIR     repository to check (default: the current directory)
  --format F     text (default), json (one document), github (workflow annotations)
  --strict       warnings fail too
Exit: 0 clean, 1 errors (or warnings with --strict), 2 usage error.`,
  async run(io) {
    const { values } = parseCommandArgs(io.argv, {
      repo: { type: 'string' },
      format: { type: 'string' },
      strict: { type: 'boolean' },
    });
    const format = formatOption(values.format, REPORT_FORMATS, 'text');
    const root = directoryOption(io, values.repo);
    const report = await validateRepository(root);
    io.stdout.write(
      findingsReport('validate', report.findings, format, {
        counts: report.counts,
        datasetsUsed: report.datasetsUsed,
      }),
    );
    return exitCodeFor(report.findings, values.strict ?? false);
  },
};
