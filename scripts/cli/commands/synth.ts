import path from 'node:path';
import { UsageError } from '../../../actions/lib/errors.js';
import { exitCodeFor } from '../../../actions/lib/findings/finding.js';
import {
  findOrphanSyntheticImages,
  planSyntheticImages,
  writeSyntheticImages,
} from '../../../actions/lib/synth/scenario-images.js';
import { synthesizeDataRoot } from '../../../actions/lib/synth/synthesize-data-root.js';
import { describeSyntheticGenerators } from '../../../actions/lib/synth/synthetic-image.js';
import { type Command, type CommandIo, directoryOption, formatOption, parseCommandArgs } from '../command.js';
import { findingsReport, REPORT_FORMATS } from '../report.js';

async function images(
  io: CommandIo,
  root: string,
  check: boolean,
  format: (typeof REPORT_FORMATS)[number],
): Promise<number> {
  const { plans, findings } = await planSyntheticImages(root);
  const results = await writeSyntheticImages(root, plans, { check });
  const text = format === 'text';
  for (const r of results)
    if (text && r.status !== 'unchanged') io.stdout.write(`${r.status.padEnd(9)} ${r.imageFile}\n`);
  for (const r of results) {
    if (r.status === 'stale' || r.status === 'missing') {
      findings.push({
        rule: 'synth/stale',
        severity: 'error',
        file: r.imageFile,
        message: `${r.status === 'stale' ? 'differs from' : 'missing; expected'} what its generator makes; run \`clinical-manifests synth --images\``,
      });
    }
  }
  for (const orphan of await findOrphanSyntheticImages(root, plans)) {
    findings.push({
      rule: 'synth/orphan',
      severity: 'warning',
      file: orphan,
      message: 'no scenario makes this file; delete it or add the scenario that uses it',
    });
  }
  const unchanged = results.filter((r) => r.status === 'unchanged').length;
  if (text)
    io.stdout.write(
      `${results.length} synthetic image${results.length === 1 ? '' : 's'}, ${unchanged} unchanged\n`,
    );
  if (findings.length > 0 || !text)
    io.stdout.write(findingsReport('synth', findings, format, { images: results.length, unchanged }));
  return exitCodeFor(findings, false);
}

export const synthCommand: Command = {
  name: 'synth',
  summary: 'make the committed synthetic images (--images) or a synthetic data root (--out DIR)',
  usage: `
usage: clinical-manifests synth --images [--check] [--format text|json|github] [--repo DIR]
       clinical-manifests synth --out DIR [--repo DIR]

  --images     write scenarios/synthetic_images/<file> for every scenario's "synthetic" block
               (seeded generators, byte-for-byte reproducible on any machine)
  --check      with --images: write nothing; exit 1 when an image is missing or differs
  --format F   with --images: text (default), json, github
  --out DIR    write a small synthetic data root: DIR/<dataset id>/… mirrors each dataset's real
               layout (CheXpert JPEGs, MURA PNGs, EchoNet AVIs, Thyroid HDF5, COCA and SinoCT DICOM,
               Brain-Mets-Lung NIfTI and a tiled slide); every scenario's source.path exists in it
  --repo DIR   repository (default: the current directory)

generators (a scenario's synthetic.generator) and their parameters:
${describeSyntheticGenerators()
  .map(
    (g) =>
      `  ${g.name.padEnd(11)}${g.description}\n${Object.entries(g.parameters)
        .map(([name, p]) => `               ${name}: ${p.description}`)
        .join('\n')}`,
  )
  .join('\n')}`,
  async run(io) {
    const { values } = parseCommandArgs(io.argv, {
      images: { type: 'boolean' },
      check: { type: 'boolean' },
      out: { type: 'string' },
      repo: { type: 'string' },
      format: { type: 'string' },
    });
    const root = directoryOption(io, values.repo);
    if (values.images === (values.out !== undefined))
      throw new UsageError('give exactly one of --images or --out DIR');
    const format = formatOption(values.format, REPORT_FORMATS, 'text');
    if (values.images) return images(io, root, values.check ?? false, format);
    if (values.format) throw new UsageError('--format goes with --images');
    if (values.check) throw new UsageError('--check goes with --images');
    const out = path.resolve(io.cwd, values.out!);
    const started = Date.now();
    const summary = await synthesizeDataRoot(out, { repoRoot: root });
    for (const d of summary.datasets)
      io.stdout.write(`${d.id.padEnd(20)} ${String(d.files).padStart(4)} files\n`);
    io.stdout.write(`synthetic data root: ${out} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
    return 0;
  },
};
