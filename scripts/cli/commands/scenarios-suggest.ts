import path from 'node:path';
import { UsageError } from '../../../actions/lib/errors.js';
import { formatSuggestions, suggestSources } from '../../../actions/lib/labels/suggest-sources.js';
import { type Command, directoryOption, formatOption, parseCommandArgs, positiveInt } from '../command.js';
import { jsonEnvelope } from '../json-envelope.js';

/** `scenarios suggest`: real sources whose label rows ground a scenario's findings (issue 18). */
export const scenariosSuggestCommand: Command = {
  name: 'scenarios suggest',
  summary: 'candidate real sources whose labels ground a scenario’s findings',
  usage: `
usage: clinical-manifests scenarios suggest SCENARIO_ID --data-root DIR [--n N] [--repo DIR]
         [--format text|json]

  SCENARIO_ID     the scenario to find real cases for
  --data-root DIR where the extracted datasets are (their label files are read)
  --n N           candidates per dataset (default 10), a sample seeded by the scenario id
  --repo DIR      repository (default: the current directory)
  --format F      text (default) or json
Each dataset that fits the scenario (its source's, or by modality and anatomy) turns the scenario's
findings into a label query through the manifest's "grounds", and lists matching label rows with
their values and the source paths that map to them. Prints label values: run it where the data is.
Exit: 0; 1 when the scenario or a label file cannot be read; 2 on a usage error.`,
  async run(io) {
    const { values, positionals } = parseCommandArgs(
      io.argv,
      {
        'data-root': { type: 'string' },
        n: { type: 'string' },
        repo: { type: 'string' },
        format: { type: 'string' },
      },
      true,
    );
    const [id, ...rest] = positionals;
    if (!id) throw new UsageError('give a scenario id');
    if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
    if (!values['data-root']) throw new UsageError('--data-root is required');
    const format = formatOption(values.format, ['text', 'json'] as const, 'text');
    const root = directoryOption(io, values.repo);
    const dataRoot = directoryOption(io, path.resolve(io.cwd, values['data-root']), '--data-root');
    const suggestions = await suggestSources(root, id, dataRoot, positiveInt('n', values.n) ?? 10);
    io.stdout.write(
      format === 'json'
        ? jsonEnvelope('scenarios suggest', { scenario: id, suggestions })
        : formatSuggestions(id, suggestions),
    );
    return 0;
  },
};
