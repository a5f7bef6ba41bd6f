import { countFindings, exitCodeFor } from '../../../actions/lib/findings/finding.js';
import { formatFindings } from '../../../actions/lib/findings/format-findings.js';
import { runGuard } from '../../../actions/lib/guard/run-guard.js';
import { type Command, directoryOption, formatOption, parseCommandArgs } from '../command.js';

export const guardCommand: Command = {
  name: 'guard',
  summary:
    'no-redistribution guard: data files by content, embedded blobs, ignored dirs, labels, workflow safety',
  usage: `
usage: clinical-manifests guard [--repo DIR] [--base REF] [--format text|json|github] [--strict]

  --repo DIR     repository to check (default: the current directory)
  --base REF     read the content of only the files changed since the merge base with REF
                 (directories, labels and workflows are always checked whole)
  --format F     text (default), json (one document), github (workflow annotations)
  --strict       warnings fail too
Reads $GITHUB_EVENT_PATH, when set, for the repository's visibility and default branch.
Exit: 0 clean, 1 errors (or warnings with --strict), 2 usage error.`,
  async run(io) {
    const { values } = parseCommandArgs(io.argv, {
      repo: { type: 'string' },
      base: { type: 'string' },
      format: { type: 'string' },
      strict: { type: 'boolean' },
    });
    const format = formatOption(values.format, ['text', 'json', 'github'] as const, 'text');
    const root = directoryOption(io, values.repo);
    const result = await runGuard({ root, base: values.base, eventPath: io.env.GITHUB_EVENT_PATH });
    io.stdout.write(
      formatFindings(result.findings, format, {
        counts: countFindings(result.findings),
        trackedFiles: result.trackedFiles,
        scannedFiles: result.scannedFiles,
        visibility: result.visibility,
        durationMs: result.durationMs,
      }),
    );
    return exitCodeFor(result.findings, values.strict ?? false);
  },
};
