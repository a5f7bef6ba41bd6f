import path from 'node:path';
import { exitCodeFor } from '../../../actions/lib/findings/finding.js';
import { formatFindings } from '../../../actions/lib/findings/format-findings.js';
import { checkSchemaFiles, writeSchemaFiles } from '../../../actions/lib/schema/schema-files.js';
import { type Command, parseCommandArgs } from '../command.js';

export const schemasCommand: Command = {
  name: 'schemas',
  summary: 'write manifests/schema/*.schema.json from the zod source (--check: fail when stale)',
  usage: `
usage: clinical-manifests schemas [--repo DIR] [--check]

  --repo DIR   repository (default: the current directory)
  --check      write nothing; exit 1 when a committed schema differs from the source`,
  async run(io) {
    const { values } = parseCommandArgs(io.argv, { repo: { type: 'string' }, check: { type: 'boolean' } });
    const root = path.resolve(io.cwd, values.repo ?? '.');
    if (values.check) {
      const findings = await checkSchemaFiles(root);
      io.stdout.write(formatFindings(findings, 'text'));
      return exitCodeFor(findings, false);
    }
    const changed = await writeSchemaFiles(root);
    io.stdout.write(changed.length ? `wrote ${changed.join(', ')}\n` : 'schemas are up to date\n');
    return 0;
  },
};
