import path from 'node:path';
import { createDefaultRenderer } from '../../../actions/lib/regenerate/default-renderer.js';
import { formatDrift } from '../../../actions/lib/verify/format-drift.js';
import { verifyLocks } from '../../../actions/lib/verify/verify.js';
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

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'recompute every locked entry from the data and name each drifted source or output',
  usage: `
usage: clinical-manifests verify --data-root DIR [--repo DIR] [--outputs DIR] [--dataset ID]...
         [--no-render] [--jobs N] [--format text|json|github]

  --data-root DIR   the root of all datasets, DIR/<dataset id>/ (default $CLINICAL_DATA_ROOT)
  --repo DIR        the repository (default: the current directory)
  --outputs DIR     also hash every output file in DIR and compare
  --dataset ID      only this dataset (repeatable; an unknown id is a usage error)
  --no-render       compare source hashes only, without decoding
  --jobs N          checks in flight at once (default: the number of cores)
  --format F        text (default), json, github (drift as annotations)
A progress bar on a terminal. Writes nothing. Exit: 0 no drift, 1 drift, 2 usage or setup error.`,
  async run(io) {
    const { values } = parseCommandArgs(io.argv, {
      'data-root': { type: 'string' },
      repo: { type: 'string' },
      outputs: { type: 'string' },
      dataset: { type: 'string', multiple: true },
      'no-render': { type: 'boolean' },
      jobs: { type: 'string' },
      format: { type: 'string' },
    });
    const format = formatOption(values.format, REPORT_FORMATS, 'text');
    const jobs = positiveInt('jobs', values.jobs);
    const repoRoot = directoryOption(io, values.repo);
    const dataRoot = dataRootOption(io, values['data-root']);
    const inPlay = await runDatasets(repoRoot);
    await checkDatasetIds(repoRoot, values.dataset, inPlay);
    await checkDataRootHolds(repoRoot, dataRoot, inPlay, values.dataset);
    const renderer = createDefaultRenderer(jobs);
    const result = await verifyLocks({
      repoRoot,
      dataRoot,
      ...(values.outputs ? { outputsDir: path.resolve(io.cwd, values.outputs) } : {}),
      ...(values.dataset ? { datasets: values.dataset } : {}),
      ...(jobs ? { jobs } : {}),
      render: !values['no-render'],
      renderer,
      logger: ioLogger(io.stderr, values.debug ?? false, io.quiet),
      ...progressOption(io),
    }).finally(() => renderer.close?.());
    if (format === 'json') io.stdout.write(jsonEnvelope('verify', result));
    else if (format === 'github')
      io.stdout.write(
        githubAnnotations(
          result.drift.map((d) => ({
            title: `verify/${d.kind}`,
            message: `${d.dataset}: ${d.output}${d.source ? ` (source ${d.source})` : ''}: ${d.message}`,
          })),
        ),
      );
    else io.stdout.write(formatDrift(result));
    return result.drift.length > 0 ? 1 : 0;
  },
};
