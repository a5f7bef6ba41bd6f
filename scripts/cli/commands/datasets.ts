import { statSync } from 'node:fs';
import path from 'node:path';
import { checkDatasetLayout } from '../../../actions/lib/datasets/check-dataset.js';
import { assertNotCommittable } from '../../../actions/lib/datasets/dataset-directory.js';
import { datasetRows, formatTable } from '../../../actions/lib/datasets/dataset-table.js';
import { describeDataset } from '../../../actions/lib/datasets/describe-dataset.js';
import { loadDatasetManifest, loadDatasetManifests } from '../../../actions/lib/datasets/load-datasets.js';
import { prepareDataset } from '../../../actions/lib/datasets/prepare-dataset.js';
import { UsageError } from '../../../actions/lib/errors.js';
import { formatFindings } from '../../../actions/lib/findings/format-findings.js';
import { type Command, type CommandIo, formatOption, parseCommandArgs } from '../command.js';

const USAGE = `
usage: clinical-manifests datasets list [--repo DIR]
       clinical-manifests datasets info ID [--repo DIR]
       clinical-manifests datasets prepare ID --data-root DIR [--repo DIR]
       clinical-manifests datasets check ID --data-root DIR [--format text|json] [--repo DIR]

  list        a table of every dataset: id, provider, modality, count, registration, DOI
  info        description, formats and layout, labels, citation, every data-use term, access steps
  prepare     create DIR/<ID>/ with the expected folders and a README (access steps, agreement
              checklist); never downloads
  check       compare the extracted download in DIR/<ID>/ with the expected layout (required files,
              counts, CSV headers, HDF5 keys); exit 1 naming what is missing
  --data-root DIR   the folder holding one subfolder per dataset (DIR/<ID>/), outside the repository
  --repo DIR        repository with manifests/datasets (default: the current directory)`;

function existingDir(io: CommandIo, value: string | undefined, flag: string): string {
  const dir = path.resolve(io.cwd, value ?? '.');
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory())
    throw new UsageError(`${flag} ${dir} is not a directory`);
  return dir;
}

export const datasetsCommand: Command = {
  name: 'datasets',
  summary: 'list the datasets, show one, prepare a data folder, check an extracted download',
  usage: USAGE,
  async run(io) {
    const { values, positionals } = parseCommandArgs(
      io.argv,
      { repo: { type: 'string' }, 'data-root': { type: 'string' }, format: { type: 'string' } },
      true,
    );
    const [action, id, ...rest] = positionals;
    if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
    const repo = existingDir(io, values.repo, '--repo');
    if (action === 'list') {
      if (id) throw new UsageError('list takes no dataset id');
      const { datasets, findings } = await loadDatasetManifests(repo);
      const rows = datasetRows(datasets).map((r) => [
        r.id,
        r.provider,
        r.modality,
        r.count,
        r.registration,
        r.doi,
      ]);
      io.stdout.write(formatTable(['ID', 'PROVIDER', 'MODALITY', 'COUNT', 'REGISTRATION', 'DOI'], rows));
      if (findings.length) io.stderr.write(formatFindings(findings, 'text'));
      return findings.length ? 1 : 0;
    }
    if (action !== 'info' && action !== 'prepare' && action !== 'check') {
      throw new UsageError(
        action ? `unknown action "${action}"` : 'give an action: list, info, prepare or check',
      );
    }
    if (!id) throw new UsageError(`${action} needs a dataset id`);
    const manifest = await loadDatasetManifest(repo, id);
    if (action === 'info') {
      io.stdout.write(describeDataset(manifest));
      return 0;
    }
    if (!values['data-root']) throw new UsageError(`${action} needs --data-root DIR`);
    if (action === 'prepare') {
      const dataRoot = path.resolve(io.cwd, values['data-root']);
      await assertNotCommittable(dataRoot, repo, '--data-root');
      const prepared = await prepareDataset(manifest, dataRoot);
      io.stdout.write(
        [
          `prepared ${prepared.dir}`,
          ...prepared.folders.map((f) => `  created ${f}/`),
          `  wrote ${path.basename(prepared.readme)} (access steps and the agreement checklist)`,
          '',
          'Next:',
          ...manifest.access.steps.map((s, i) => `  ${i + 1}. ${s.replace(/DATA_ROOT/g, dataRoot)}`),
          '',
        ].join('\n'),
      );
      return 0;
    }
    const format = formatOption(values.format, ['text', 'json'] as const, 'text');
    const dataRoot = existingDir(io, values['data-root'], '--data-root');
    const check = await checkDatasetLayout(manifest, dataRoot);
    if (format === 'json') {
      io.stdout.write(`${JSON.stringify(check, null, 2)}\n`);
    } else {
      io.stdout.write(`${manifest.id}: checking ${check.dir}\n`);
      for (const e of check.entries) {
        io.stdout.write(
          `  ${e.ok ? 'ok     ' : 'FAILED '} ${e.path}${e.count !== undefined ? ` (${e.count})` : ''}\n`,
        );
      }
      for (const p of check.problems) io.stdout.write(`${p.path}: ${p.message}\n`);
      io.stdout.write(
        check.problems.length
          ? `${check.problems.length} problem${check.problems.length === 1 ? '' : 's'}: the extraction is incomplete\n`
          : `complete: all ${check.entries.length} layout entries found\n`,
      );
    }
    return check.problems.length ? 1 : 0;
  },
};
