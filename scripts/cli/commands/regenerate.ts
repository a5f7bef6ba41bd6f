import path from 'node:path';
import { UsageError } from '../../../actions/lib/errors.js';
import { createDefaultRenderer } from '../../../actions/lib/regenerate/default-renderer.js';
import { formatPlan, formatResult, resultJson } from '../../../actions/lib/regenerate/format-report.js';
import { defaultCacheDir } from '../../../actions/lib/regenerate/hash-cache.js';
import { regenerate } from '../../../actions/lib/regenerate/regenerate.js';
import { parseWorkShare } from '../../../actions/lib/regenerate/work-share.js';
import {
  type Command,
  directoryOption,
  formatOption,
  ioLogger,
  parseCommandArgs,
  positiveInt,
} from '../command.js';
import { checkDataRootHolds, dataRootOption } from '../data-root.js';
import { checkDatasetIds, runDatasets } from '../dataset-ids.js';
import { jsonEnvelope } from '../json-envelope.js';
import { progressOption } from '../progress.js';
import { githubAnnotations, REPORT_FORMATS } from '../report.js';

export const regenerateCommand: Command = {
  name: 'regenerate',
  summary: 'make processed images from the licensed data and update the hash-locked manifests',
  usage: `
usage: clinical-manifests regenerate --data-root DIR [--out DIR] [--repo DIR] [--dataset ID]...
         [--shard I/N] [--jobs N] [--timeout SECONDS] [--force] [--commit none|local] [--format text|json|github]

  --data-root DIR   the root of all datasets, DIR/<dataset id>/ (default $CLINICAL_DATA_ROOT)
  --out DIR         where processed images go (default: under the user cache, outside the repository);
                    refused when inside the work tree and not ignored by git
  --repo DIR        the repository (default: the current directory)
  --dataset ID      only this dataset (repeatable; an unknown id is a usage error)
  --shard I/N       only share I of N of the outputs (by a hash of the output path)
  --jobs N          items in flight at once (default: the number of cores)
  --timeout S       time limit per item in seconds (default 600)
  --force           redo every output, trusting no cache
  --commit MODE     none (default) or local: commit the changed lock files, and only them
  --format F        text (default), json, github (failed items as annotations)
Prints the plan first (not with --quiet); a progress bar on a terminal. Exit: 0 done, 1 some items failed (their old entries kept), 2 usage or setup error.`,
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
    const format = formatOption(values.format, REPORT_FORMATS, 'text');
    const commit = values.commit ?? 'none';
    if (commit !== 'none' && commit !== 'local')
      throw new UsageError(`--commit must be none or local (got "${commit}")`);
    const share = values.shard ? parseWorkShare(values.shard) : undefined;
    const jobs = positiveInt('jobs', values.jobs);
    const timeout = positiveInt('timeout', values.timeout);
    const repoRoot = directoryOption(io, values.repo);
    const dataRoot = dataRootOption(io, values['data-root']);
    const inPlay = await runDatasets(repoRoot);
    await checkDatasetIds(repoRoot, values.dataset, inPlay);
    await checkDataRootHolds(repoRoot, dataRoot, inPlay, values.dataset);
    const renderer = createDefaultRenderer(jobs);
    const result = await regenerate({
      repoRoot,
      dataRoot,
      ...(values.out ? { outDir: path.resolve(io.cwd, values.out) } : {}),
      ...(values.dataset ? { datasets: values.dataset } : {}),
      ...(share ? { share } : {}),
      ...(jobs ? { jobs } : {}),
      ...(timeout ? { timeoutMs: timeout * 1000 } : {}),
      force: values.force ?? false,
      cacheDir: defaultCacheDir(io.env),
      commit,
      renderer,
      logger: ioLogger(io.stderr, values.debug ?? false, io.quiet),
      onPlan: (plan, outDir) => {
        if (format === 'text' && !io.quiet) io.stdout.write(formatPlan(plan, outDir));
      },
      ...progressOption(io),
    }).finally(() => renderer.close?.());
    if (format === 'json') io.stdout.write(jsonEnvelope('regenerate', resultJson(result)));
    else if (format === 'github')
      io.stdout.write(
        githubAnnotations(
          result.failures.map((f) => ({
            title: 'regenerate/failed',
            message: `${f.dataset}: ${f.output}: ${f.reason}`,
          })),
        ),
      );
    else io.stdout.write(formatResult(result));
    return result.failures.length > 0 ? 1 : 0;
  },
};
