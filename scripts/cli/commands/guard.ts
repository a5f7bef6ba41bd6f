import { UsageError } from '../../../actions/lib/errors.js';
import { countFindings, exitCodeFor } from '../../../actions/lib/findings/finding.js';
import { labelReminder } from '../../../actions/lib/guard/guard-summary.js';
import { runGuard } from '../../../actions/lib/guard/run-guard.js';
import { type Command, directoryOption, formatOption, parseCommandArgs } from '../command.js';
import { findingsReport, REPORT_FORMATS } from '../report.js';

export const guardCommand: Command = {
  name: 'guard',
  summary:
    'no-redistribution guard: data files by content, embedded blobs, ignored dirs, labels, workflow safety',
  usage: `
usage: clinical-manifests guard [--repo DIR] [--base REF [--head REF]] [--format text|json|github] [--strict]

  --repo DIR     repository to check (default: the current directory)
  --base REF     judge a change as a pull request is judged: manifests/policy.json (allowlist, data
                 and output folders) is read from REF, and every blob added or changed by any
                 commit of REF..head (merged branches included, later deletions notwithstanding) is
                 read by content, plus the head tree; what REF's tree already holds is skipped
                 (directories, labels and workflows are checked in the work tree)
  --head REF     the change's last commit (default: HEAD plus what the index holds beyond it)
  --format F     text (default), json (one document), github (workflow annotations)
  --strict       warnings fail too
Reads $GITHUB_EVENT_PATH, when set, for the repository's visibility and default branch.
Exit: 0 clean, 1 errors (or warnings with --strict), 2 usage error.`,
  async run(io) {
    const { values } = parseCommandArgs(io.argv, {
      repo: { type: 'string' },
      base: { type: 'string' },
      head: { type: 'string' },
      format: { type: 'string' },
      strict: { type: 'boolean' },
    });
    const format = formatOption(values.format, REPORT_FORMATS, 'text');
    const root = directoryOption(io, values.repo);
    if (values.head !== undefined && values.base === undefined)
      throw new UsageError('--head needs --base: without a base there is no change to judge');
    const result = await runGuard({
      root,
      base: values.base,
      head: values.head,
      eventPath: io.env.GITHUB_EVENT_PATH,
    });
    io.stdout.write(
      findingsReport('guard', result.findings, format, {
        counts: countFindings(result.findings),
        trackedFiles: result.trackedFiles,
        scannedFiles: result.scannedFiles,
        ...(result.commits !== undefined ? { commits: result.commits } : {}),
        visibility: result.visibility,
        labelBearing: result.labelBearing,
        durationMs: result.durationMs,
      }),
    );
    const reminder = labelReminder(result);
    if (format === 'text' && reminder) io.stdout.write(`${reminder}\n`);
    return exitCodeFor(result.findings, values.strict ?? false);
  },
};
