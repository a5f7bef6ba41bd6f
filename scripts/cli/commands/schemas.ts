import path from 'node:path';
import { exitCodeFor } from '../../../actions/lib/findings/finding.js';
import { checkSchemaFiles, writeSchemaFiles } from '../../../actions/lib/schema/schema-files.js';
import { type Command, formatOption, parseCommandArgs } from '../command.js';
import { findingsReport, REPORT_FORMATS } from '../report.js';

export const schemasCommand: Command = {
  name: 'schemas',
  summary: 'write manifests/schema/*.schema.json from the zod source (--check: fail when stale)',
  usage: `
usage: clinical-manifests schemas [--repo DIR] [--check [--format text|json|github]]

  --repo DIR   repository (default: the current directory)
  --check      write nothing; exit 1 when a committed schema differs from the source
  --format F   how --check reports: text (default), json, github`,
  async run(io) {
    const { values } = parseCommandArgs(io.argv, {
      repo: { type: 'string' },
      check: { type: 'boolean' },
      format: { type: 'string' },
    });
    const root = path.resolve(io.cwd, values.repo ?? '.');
    if (values.check) {
      const findings = await checkSchemaFiles(root);
      const format = formatOption(values.format, REPORT_FORMATS, 'text');
      io.stdout.write(findingsReport('schemas', findings, format));
      return exitCodeFor(findings, false);
    }
    const changed = await writeSchemaFiles(root);
    io.stdout.write(changed.length ? `wrote ${changed.join(', ')}\n` : 'schemas are up to date\n');
    return 0;
  },
};
