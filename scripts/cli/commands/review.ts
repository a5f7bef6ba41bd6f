import { UsageError } from '../../../actions/lib/errors.js';
import { renderReviewMarkdown } from '../../../actions/lib/review/render-review.js';
import { runReview } from '../../../actions/lib/review/run-review.js';
import { type Command, directoryOption, formatOption, parseCommandArgs } from '../command.js';
import { jsonEnvelope } from '../json-envelope.js';

export const reviewCommand: Command = {
  name: 'review',
  summary: 'semantic diff of scenarios and dataset manifests against a git revision, for reviewers',
  usage: `
usage: clinical-manifests review --base REF [--repo DIR] [--format markdown|json]

  --base REF     git revision to compare the work tree with (e.g. origin/main)
  --repo DIR     repository (default: the current directory)
  --format F     markdown (default) or json
Exit: 0 (the review reports, it does not judge), 2 usage error.`,
  async run(io) {
    const { values } = parseCommandArgs(io.argv, {
      base: { type: 'string' },
      repo: { type: 'string' },
      format: { type: 'string' },
    });
    const format = formatOption(values.format, ['markdown', 'json'] as const, 'markdown');
    if (!values.base) throw new UsageError('--base REF is required');
    const root = directoryOption(io, values.repo);
    const report = await runReview(root, values.base);
    io.stdout.write(format === 'json' ? jsonEnvelope('review', report) : renderReviewMarkdown(report));
    return 0;
  },
};
