import path from 'node:path';
import { UsageError } from '../../../actions/lib/errors.js';
import { mergeLockTrees } from '../../../actions/lib/locks/merge-lock-trees.js';
import { type Command, formatOption, parseCommandArgs } from '../command.js';
import { didYouMean } from '../did-you-mean.js';
import { jsonEnvelope } from '../json-envelope.js';
import { githubAnnotations, REPORT_FORMATS } from '../report.js';

export const locksCommand: Command = {
  name: 'locks',
  summary: 'work with lock files: merge the shard locks of several runners',
  usage: `
usage: clinical-manifests locks merge [--repo DIR] [--dry-run] [--format text|json|github] DIR...

  merge     three-way merge of shard locks into the repository's manifests/locks: each DIR is the
            locks (a repository, or its manifests/locks) of one \`regenerate --shard I/N\` run made
            from the same commit; per output, the shard that changed it wins. Only lock files
            count (never other JSON); a shard with no lock file at all produced nothing and
            changes nothing
  --repo DIR    the repository, the base every shard started from (default: the current directory)
  --dry-run     report conflicts, write nothing
  --format F    text (default), json, github (conflicts as annotations)
Exit: 0 merged, 1 conflicting shards (nothing written), 2 usage error.`,
  async run(io) {
    const { values, positionals } = parseCommandArgs(
      io.argv,
      { repo: { type: 'string' }, 'dry-run': { type: 'boolean' }, format: { type: 'string' } },
      true,
    );
    const [sub, ...dirs] = positionals;
    if (sub !== 'merge')
      throw new UsageError(
        sub ? `unknown locks subcommand "${sub}"${didYouMean(sub, ['merge'])}` : 'name a subcommand: merge',
      );
    const format = formatOption(values.format, REPORT_FORMATS, 'text');
    const result = await mergeLockTrees(
      path.resolve(io.cwd, values.repo ?? '.'),
      dirs.map((d) => path.resolve(io.cwd, d)),
      { dryRun: values['dry-run'] ?? false },
    );
    if (format === 'json') {
      const datasets = Object.fromEntries(result.datasets.map((d) => [d.dataset, d.counts]));
      const { conflicts, written, removed, empty } = result;
      io.stdout.write(jsonEnvelope('locks merge', { conflicts, written, removed, empty, datasets }));
    } else if (format === 'github') {
      io.stdout.write(
        githubAnnotations(result.conflicts.map((c) => ({ title: 'locks/conflict', message: c }))),
      );
    } else {
      const lines = [
        ...result.empty.map((d) => `empty shard (no lock files; changes nothing): ${d}`),
        ...result.conflicts.map((c) => `conflict: ${c}`),
        ...result.written.map((f) => `wrote ${f}`),
        ...result.removed.map((f) => `removed ${f}`),
      ];
      if (result.conflicts.length > 0) lines.push(`${result.conflicts.length} conflict(s): nothing written`);
      else if (result.written.length + result.removed.length === 0) lines.push('locks unchanged');
      io.stdout.write(`${lines.join('\n')}\n`);
    }
    return result.conflicts.length > 0 ? 1 : 0;
  },
};
