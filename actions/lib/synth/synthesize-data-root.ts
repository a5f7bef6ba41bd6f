import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { assertNotCommittable, datasetDirectory } from '../datasets/dataset-directory.js';
import { InputError, UsageError } from '../errors.js';
import { loadRepository } from '../repository/load-repository.js';
import { brainMetsLungWriter } from './datasets/brain-mets-lung.js';
import { chexpertWriter } from './datasets/chexpert.js';
import { cocaWriter } from './datasets/coca.js';
import type { DatasetWriter, ScenarioSource } from './datasets/dataset-writer.js';
import { echonetWriter } from './datasets/echonet-dynamic.js';
import { muraWriter } from './datasets/mura.js';
import { sinoctWriter } from './datasets/sinoct.js';
import { thyroidWriter } from './datasets/thyroid-ultrasound.js';

/** Every dataset writer, one per dataset manifest id. */
export const DATASET_WRITERS: readonly DatasetWriter[] = [
  chexpertWriter,
  muraWriter,
  echonetWriter,
  thyroidWriter,
  cocaWriter,
  sinoctWriter,
  brainMetsLungWriter,
];

/** Marks a folder as made by synth, so a second run may replace it and never touches anything else. */
export const SYNTH_MARKER = '.clinical-manifests-synth';

export interface DataRootSummary {
  root: string;
  datasets: { id: string; files: number }[];
}

async function countFiles(dir: string): Promise<number> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).length;
}

function seedOf(id: string): number {
  return createHash('sha256').update(id).digest().readUInt32BE(0) & 0x7fffffff;
}

async function checkOutput(out: string, repoRoot: string): Promise<void> {
  // The root holds DICOM headers that look like PHI: never let it become committable.
  await assertNotCommittable(out, repoRoot, '--out');
  if (existsSync(out)) {
    const entries = await readdir(out);
    if (entries.length > 0 && !entries.includes(SYNTH_MARKER)) {
      throw new UsageError(
        `--out ${out} is not empty and was not made by synth; choose an empty or new folder`,
      );
    }
  }
}

/**
 * Writes a small synthetic data root: DATA_ROOT/<dataset id>/… mirrors each dataset's real layout.
 * Deterministic (seeded per dataset); every scenario's source.path is made, so regenerate runs on it
 * unchanged. `repoRoot` supplies the scenarios.
 */
export async function synthesizeDataRoot(
  out: string,
  options: { repoRoot: string },
): Promise<DataRootSummary> {
  await checkOutput(out, options.repoRoot);
  const { scenarios, findings } = await loadRepository(options.repoRoot, ['scenarios']);
  const bad = findings.find((f) => f.severity === 'error');
  if (bad) throw new InputError('scenario', bad.file, `cannot read the scenarios: ${bad.message}`);
  const sources = new Map<string, ScenarioSource[]>();
  for (const s of scenarios) {
    const source = s.value?.source;
    if (!source) continue;
    if (!DATASET_WRITERS.some((w) => w.id === source.dataset)) {
      throw new InputError(
        'synth-dataset',
        s.file,
        `source.dataset "${source.dataset}" has no synthetic writer`,
      );
    }
    sources.set(source.dataset, [...(sources.get(source.dataset) ?? []), { scenarioFile: s.file, source }]);
  }
  await mkdir(out, { recursive: true });
  await writeFile(
    path.join(out, SYNTH_MARKER),
    'Synthetic data root made by `clinical-manifests synth --out`. No real data.\n',
  );
  const summary: DataRootSummary = { root: out, datasets: [] };
  for (const writer of DATASET_WRITERS) {
    const dir = datasetDirectory(out, writer.id);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    const own = sources.get(writer.id) ?? [];
    await writer.write({ dir, seed: seedOf(writer.id), sources: own });
    for (const s of own) {
      if (!existsSync(path.join(dir, ...s.source.path.split('/')))) {
        throw new InputError(
          'synth-source-path',
          s.scenarioFile,
          'synth did not make source.path; does it follow the dataset layout? (run `clinical-manifests validate`)',
        );
      }
    }
    summary.datasets.push({ id: writer.id, files: await countFiles(dir) });
  }
  return summary;
}
