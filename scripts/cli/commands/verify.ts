import path from 'node:path';
import { UsageError } from '../../../actions/lib/errors.js';
import { createDefaultRenderer } from '../../../actions/lib/regenerate/default-renderer.js';
import { formatDrift } from '../../../actions/lib/verify/format-drift.js';
import { verifyLocks } from '../../../actions/lib/verify/verify.js';
import { type Command, formatOption, ioLogger, parseCommandArgs, positiveInt } from '../command.js';

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'recompute every locked entry from the data and name each drifted source or output',
  usage: `
usage: clinical-manifests verify --data-root DIR [--repo DIR] [--outputs DIR] [--dataset ID]...
         [--no-render] [--jobs N] [--format text|json]

  --data-root DIR   where the extracted datasets are
  --repo DIR        the repository (default: the current directory)
  --outputs DIR     also hash every output file in DIR and compare
  --dataset ID      only this dataset (repeatable)
  --no-render       compare source hashes only, without decoding
  --jobs N          checks in flight at once (default: the number of cores)
  --format F        text (default) or json
Writes nothing. Exit: 0 no drift, 1 drift, 2 usage or setup error.`,
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
    const format = formatOption(values.format, ['text', 'json'] as const, 'text');
    if (!values['data-root']) throw new UsageError('--data-root is required');
    const jobs = positiveInt('jobs', values.jobs);
    const renderer = createDefaultRenderer(jobs);
    const result = await verifyLocks({
      repoRoot: path.resolve(io.cwd, values.repo ?? '.'),
      dataRoot: path.resolve(io.cwd, values['data-root']),
      ...(values.outputs ? { outputsDir: path.resolve(io.cwd, values.outputs) } : {}),
      ...(values.dataset ? { datasets: values.dataset } : {}),
      ...(jobs ? { jobs } : {}),
      render: !values['no-render'],
      renderer,
      logger: ioLogger(io.stderr, values.debug ?? false),
    }).finally(() => renderer.close?.());
    io.stdout.write(format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : formatDrift(result));
    return result.drift.length > 0 ? 1 : 0;
  },
};
