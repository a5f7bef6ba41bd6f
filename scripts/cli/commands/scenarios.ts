import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError, UsageError } from '../../../actions/lib/errors.js';
import { writeFileAtomic } from '../../../actions/lib/fs/write-file-atomic.js';
import { exportScenarios, formatScenariosJson } from '../../../actions/lib/scenarios-io/export-scenarios.js';
import {
  applyScenarioImport,
  planScenarioImport,
} from '../../../actions/lib/scenarios-io/import-scenarios.js';
import { type Command, directoryOption, parseCommandArgs } from '../command.js';
import { didYouMean } from '../did-you-mean.js';
import { scenariosSuggestCommand } from './scenarios-suggest.js';

export const scenariosCommand: Command = {
  name: 'scenarios',
  summary: 'import from or export to one scenarios.json array of {id, image_file, ground_truth, metadata, …}',
  usage: `
usage: clinical-manifests scenarios import FILE [--image-root DIR] [--replace] [--repo DIR]
       clinical-manifests scenarios export [-o FILE] [--repo DIR]
       clinical-manifests scenarios suggest SCENARIO_ID --data-root DIR [--n N] (below)

  import      check every scenario in the array FILE (schema, duplicate ids) and write
              scenarios/<id>.json for each; nothing is written when any is wrong
              a scenario with neither synthetic nor source keeps a committed image: its image_file
              is found as the benchmark finds it, relative to FILE's folder (or --image-root DIR),
              and copied to scenarios/<image_file>; a patient's image (metadata.patient_id) never is
  --image-root DIR  with import: the folder image_file paths are relative to (default: FILE's folder)
  --replace   with import: overwrite scenarios (and their images) that already exist
  export      print (or write to FILE with -o) every scenario as one JSON array
  --repo DIR  repository (default: the current directory)
${scenariosSuggestCommand.usage}`,
  async run(io) {
    if (io.argv[0] === 'suggest') return scenariosSuggestCommand.run({ ...io, argv: io.argv.slice(1) });
    const { values, positionals } = parseCommandArgs(
      io.argv,
      {
        repo: { type: 'string' },
        output: { type: 'string', short: 'o' },
        replace: { type: 'boolean' },
        'image-root': { type: 'string' },
      },
      true,
    );
    const [action, file, ...rest] = positionals;
    if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
    const root = directoryOption(io, values.repo);
    if (action === 'export') {
      if (file) throw new UsageError('export takes no file argument; use -o FILE');
      if (values.replace) throw new UsageError('--replace goes with import');
      const text = formatScenariosJson(await exportScenarios(root));
      if (values.output) {
        const out = path.resolve(io.cwd, values.output);
        await writeFileAtomic(out, text);
        io.stderr.write(`wrote ${out}\n`);
      } else io.stdout.write(text);
      return 0;
    }
    if (action !== 'import')
      throw new UsageError(
        action
          ? `unknown action "${action}"${didYouMean(action, ['import', 'export', 'suggest'])}`
          : 'give an action: import or export',
      );
    if (!file) throw new UsageError('import needs a FILE');
    if (values.output) throw new UsageError('-o goes with export');
    const source = path.resolve(io.cwd, file);
    const text = await readFile(source, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new InputError('read', file, `cannot read (${error.code ?? 'error'})`);
    });
    const imageRoot = values['image-root']
      ? directoryOption(io, values['image-root'], '--image-root')
      : path.dirname(source);
    const writes = planScenarioImport(root, file, text, { replace: values.replace ?? false, imageRoot });
    await applyScenarioImport(root, writes);
    for (const w of writes) {
      io.stdout.write(`${w.replaces ? 'replaced' : 'created '} ${w.file}\n`);
      if (w.image) io.stdout.write(`copied   ${w.image.to} (from ${w.image.from})\n`);
    }
    io.stdout.write(
      `imported ${writes.length} scenario${writes.length === 1 ? '' : 's'}; next: clinical-manifests synth --images && clinical-manifests validate\n`,
    );
    return 0;
  },
};
