import { checkCitationsFile, writeCitationsFile } from '../../../actions/lib/citations/citations-file.js';
import { exitCodeFor } from '../../../actions/lib/findings/finding.js';
import { type Command, directoryOption, formatOption, parseCommandArgs } from '../command.js';
import { findingsReport, REPORT_FORMATS } from '../report.js';

export const citationsCommand: Command = {
  name: 'citations',
  summary: 'write CITATIONS.md for the datasets the scenarios use (--check: fail when stale)',
  usage: `
usage: clinical-manifests citations [--check] [--format text|json|github] [--repo DIR]

  --check      write nothing; exit 1 when CITATIONS.md is missing or stale
  --format F   how --check reports: text (default), json, github
  --repo DIR   repository (default: the current directory)`,
  async run(io) {
    const { values } = parseCommandArgs(io.argv, {
      check: { type: 'boolean' },
      format: { type: 'string' },
      repo: { type: 'string' },
    });
    const root = directoryOption(io, values.repo);
    if (values.check) {
      const findings = await checkCitationsFile(root);
      const format = formatOption(values.format, REPORT_FORMATS, 'text');
      if (findings.length > 0 || format !== 'text')
        io.stdout.write(findingsReport('citations', findings, format));
      else io.stdout.write('CITATIONS.md is up to date\n');
      return exitCodeFor(findings, false);
    }
    const changed = await writeCitationsFile(root);
    io.stdout.write(changed ? 'wrote CITATIONS.md\n' : 'CITATIONS.md is up to date\n');
    return 0;
  },
};
