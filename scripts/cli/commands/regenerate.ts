import path from 'node:path';
import { UsageError } from '../../../actions/lib/errors.js';
import { createDefaultRenderer } from '../../../actions/lib/regenerate/default-renderer.js';
import { formatPlan, formatResult, resultJson } from '../../../actions/lib/regenerate/format-report.js';
import { defaultCacheDir } from '../../../actions/lib/regenerate/hash-cache.js';
import { regenerate } from '../../../actions/lib/regenerate/regenerate.js';
import { parseWorkShare } from '../../../actions/lib/regenerate/work-share.js';
import { type Command, formatOption, ioLogger, parseCommandArgs, positiveInt } from '../command.js';

export const regenerateCommand: Command = {
  name: 'regenerate',
  summary: 'make processed images from the licensed data and update the hash-locked manifests',
  usage: `
usage: clinical-manifests regenerate --data-root DIR [--out DIR] [--repo DIR] [--dataset ID]...
         [--shard I/N] [--jobs N] [--timeout SECONDS] [--force] [--commit none|local] [--format text|json]

  --data-root DIR   where the extracted datasets are (source paths are relative to it)
  --out DIR         where processed images go (default: under the user cache, outside the repository);
                    refused when inside the work tree and not ignored by git
  --repo DIR        the repository (default: the current directory)
  --dataset ID      only this dataset (repeatable)
  --shard I/N       only share I of N of the outputs (by a hash of the output path)
  --jobs N          items in flight at once (default: the number of cores)
  --timeout S       time limit per item in seconds (default 600)
  --force           redo every output, trusting no cache
  --commit MODE     none (default) or local: commit the changed lock files, and only them
  --format F        text (default) or json
Prints the plan first. Exit: 0 done, 1 some items failed (their old entries kept), 2 usage or setup error.`,
  async run(io) {
    const { values } = parseCommandArgs(io.argv, {
      'data-root': { type: 'string' },
      out: { type: 'string' },
      repo: { type: 'string' },
      dataset: { type: 'string', multiple: true },
      shard: { type: 'string' },
      jobs: { type: 'string' },
      timeout: { type: 'string' },
      force: { type: 'boolean' },
      commit: { type: 'string' },
      format: { type: 'string' },
    });
    const format = formatOption(values.format, ['text', 'json'] as const, 'text');
    if (!values['data-root']) throw new UsageError('--data-root is required');
    const commit = values.commit ?? 'none';
    if (commit !== 'none' && commit !== 'local')
      throw new UsageError(`--commit must be none or local (got "${commit}")`);
    const jobs = positiveInt('jobs', values.jobs);
    const timeout = positiveInt('timeout', values.timeout);
    const renderer = createDefaultRenderer(jobs);
    const result = await regenerate({
      repoRoot: path.resolve(io.cwd, values.repo ?? '.'),
      dataRoot: path.resolve(io.cwd, values['data-root']),
      ...(values.out ? { outDir: path.resolve(io.cwd, values.out) } : {}),
      ...(values.dataset ? { datasets: values.dataset } : {}),
      ...(values.shard ? { share: parseWorkShare(values.shard) } : {}),
      ...(jobs ? { jobs } : {}),
      ...(timeout ? { timeoutMs: timeout * 1000 } : {}),
      force: values.force ?? false,
      cacheDir: defaultCacheDir(io.env),
      commit,
      renderer,
      logger: ioLogger(io.stderr, values.debug ?? false),
      onPlan: (plan, outDir) => {
        if (format === 'text') io.stdout.write(formatPlan(plan, outDir));
      },
    }).finally(() => renderer.close?.());
    io.stdout.write(
      format === 'json' ? `${JSON.stringify(resultJson(result), null, 2)}\n` : formatResult(result),
    );
    return result.failures.length > 0 ? 1 : 0;
  },
};
