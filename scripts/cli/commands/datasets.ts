import path from 'node:path';
import { checkDatasetLayout, type LayoutCheck } from '../../../actions/lib/datasets/check-dataset.js';
import { assertNotCommittable } from '../../../actions/lib/datasets/dataset-directory.js';
import { datasetRows, formatTable } from '../../../actions/lib/datasets/dataset-table.js';
import { describeDataset } from '../../../actions/lib/datasets/describe-dataset.js';
import {
  describeOrigin,
  loadDatasetEntry,
  loadDatasetManifest,
  loadDatasetManifests,
} from '../../../actions/lib/datasets/load-datasets.js';
import { prepareDataset } from '../../../actions/lib/datasets/prepare-dataset.js';
import { UsageError } from '../../../actions/lib/errors.js';
import type { DatasetManifest } from '../../../actions/lib/schema/dataset-manifest.js';
import { type Command, type CommandIo, directoryOption, formatOption, parseCommandArgs } from '../command.js';
import { checkDataRootHolds, dataRootOption } from '../data-root.js';
import { checkDatasetIds } from '../dataset-ids.js';
import { didYouMean } from '../did-you-mean.js';
import { jsonEnvelope } from '../json-envelope.js';
import { findingsReport, githubAnnotations, REPORT_FORMATS } from '../report.js';

const USAGE = `
usage: clinical-manifests datasets list [--format text|json] [--repo DIR]
       clinical-manifests datasets info ID [--format text|json] [--repo DIR]
       clinical-manifests datasets prepare ID --data-root DIR [--repo DIR]
       clinical-manifests datasets check (ID | --all) --data-root DIR [--format text|json|github] [--repo DIR]

  list        a table of every dataset: id, provider, modality, count, registration, DOI, and
              which manifest is in force (built-in, repository, or override of a built-in one)
  info        description, formats and layout, labels, citation, every data-use term, access
              steps, and which copy of the manifest is in force
  prepare     create DIR/<ID>/ with the expected folders and a README (access steps, agreement
              checklist); never downloads
  check       compare the extracted download in DIR/<ID>/ with the expected layout (required files,
              counts, CSV headers, HDF5 keys); exit 1 naming what is missing. --all: every dataset
  --data-root DIR   the folder holding one subfolder per dataset (DIR/<ID>/), outside the repository
                    (default $CLINICAL_DATA_ROOT); check exits 2 when DIR/<ID>/ is absent
  --format F        list, info: text (default) or json; check: text, json, github (problems as annotations)
  --repo DIR        repository; its manifests/datasets/<ID>.json adds or overrides a built-in
                    dataset (default: the current directory)`;

async function list(io: CommandIo, repo: string, format: 'text' | 'json'): Promise<number> {
  const { datasets, findings, origins } = await loadDatasetManifests(repo);
  if (format === 'json') {
    const rows = datasetRows(datasets).map((r) => ({ ...r, manifest: origins.get(r.id)?.origin ?? '' }));
    io.stdout.write(jsonEnvelope('datasets list', { datasets: rows, findings }));
    return findings.length ? 1 : 0;
  }
  const rows = datasetRows(datasets).map((r) => [
    r.id,
    r.provider,
    r.modality,
    r.count,
    r.registration,
    r.doi,
    origins.get(r.id)?.origin ?? '',
  ]);
  io.stdout.write(
    formatTable(['ID', 'PROVIDER', 'MODALITY', 'COUNT', 'REGISTRATION', 'DOI', 'MANIFEST'], rows),
  );
  if (findings.length) io.stderr.write(findingsReport('datasets list', findings, 'text'));
  return findings.length ? 1 : 0;
}

async function prepare(
  io: CommandIo,
  repo: string,
  manifest: DatasetManifest,
  root: string,
): Promise<number> {
  const dataRoot = path.resolve(io.cwd, root);
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

function checkText(check: LayoutCheck): string {
  const lines = [`${check.dataset}: checking ${check.dir}`];
  for (const e of check.entries)
    lines.push(`  ${e.ok ? 'ok     ' : 'FAILED '} ${e.path}${e.count !== undefined ? ` (${e.count})` : ''}`);
  for (const p of check.problems) lines.push(`${p.path}: ${p.message}`);
  const n = check.problems.length;
  lines.push(
    n
      ? `${n} problem${n === 1 ? '' : 's'}: the extraction is incomplete`
      : `complete: all ${check.entries.length} layout entries found`,
  );
  return `${lines.join('\n')}\n`;
}

async function check(
  io: CommandIo,
  manifests: readonly DatasetManifest[],
  dataRoot: string,
  format: (typeof REPORT_FORMATS)[number],
): Promise<number> {
  const checks: LayoutCheck[] = [];
  for (const m of manifests) checks.push(await checkDatasetLayout(m, dataRoot));
  if (format === 'json') io.stdout.write(jsonEnvelope('datasets check', { checks }));
  else if (format === 'github')
    io.stdout.write(
      githubAnnotations(
        checks.flatMap((c) =>
          c.problems.map((p) => ({
            title: 'datasets/check',
            message: `${c.dataset}: ${p.path}: ${p.message}`,
          })),
        ),
      ),
    );
  else io.stdout.write(checks.map(checkText).join('\n'));
  return checks.some((c) => c.problems.length > 0) ? 1 : 0;
}

export const datasetsCommand: Command = {
  name: 'datasets',
  summary: 'list the datasets, show one, prepare a data folder, check an extracted download',
  usage: USAGE,
  async run(io) {
    const { values, positionals } = parseCommandArgs(
      io.argv,
      {
        repo: { type: 'string' },
        'data-root': { type: 'string' },
        format: { type: 'string' },
        all: { type: 'boolean' },
      },
      true,
    );
    const [action, id, ...rest] = positionals;
    if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
    const repo = directoryOption(io, values.repo);
    if (values.all && action !== 'check') throw new UsageError('--all goes with check');
    if (action === 'list') {
      if (id) throw new UsageError('list takes no dataset id');
      return list(io, repo, formatOption(values.format, ['text', 'json'] as const, 'text'));
    }
    if (action !== 'info' && action !== 'prepare' && action !== 'check') {
      throw new UsageError(
        action
          ? `unknown action "${action}"${didYouMean(action, ['list', 'info', 'prepare', 'check'])}`
          : 'give an action: list, info, prepare or check',
      );
    }
    if (values.all && id) throw new UsageError('give a dataset id or --all, not both');
    if (!id && !values.all)
      throw new UsageError(`${action} needs a dataset id${action === 'check' ? ' or --all' : ''}`);
    const known = await checkDatasetIds(repo, id ? [id] : []);
    if (action === 'info') {
      const entry = await loadDatasetEntry(repo, id!);
      const format = formatOption(values.format, ['text', 'json'] as const, 'text');
      io.stdout.write(
        format === 'json'
          ? jsonEnvelope('datasets info', { dataset: entry.manifest, manifest: entry.origin })
          : `${describeDataset(entry.manifest)}\nManifest in force: ${describeOrigin(entry.origin, entry.file)}\n`,
      );
      return 0;
    }
    const given = values['data-root'] ?? (io.env.CLINICAL_DATA_ROOT || undefined);
    if (!given) throw new UsageError(`${action} needs --data-root DIR (or CLINICAL_DATA_ROOT)`);
    if (action === 'prepare') return prepare(io, repo, await loadDatasetManifest(repo, id!), given);
    const format = formatOption(values.format, REPORT_FORMATS, 'text');
    const dataRoot = dataRootOption(io, values['data-root']);
    await checkDataRootHolds(undefined, dataRoot, known, id ? [id] : undefined);
    const manifests = values.all
      ? (await loadDatasetManifests(repo)).datasets
      : [await loadDatasetManifest(repo, id!)];
    return check(io, manifests, dataRoot, format);
  },
};
