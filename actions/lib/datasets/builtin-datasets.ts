/**
 * The dataset manifests that ship inside the package and every bundle, so a benchmark repository
 * without manifests/datasets/ knows the 7 datasets. A repository's manifests/datasets/<id>.json
 * adds a dataset or overrides the built-in one of the same id (see loadRepository).
 */
import brainMetsLung from '../../../manifests/datasets/brain-mets-lung.json' with { type: 'json' };
import chexpert from '../../../manifests/datasets/chexpert.json' with { type: 'json' };
import coca from '../../../manifests/datasets/coca.json' with { type: 'json' };
import echonetDynamic from '../../../manifests/datasets/echonet-dynamic.json' with { type: 'json' };
import mura from '../../../manifests/datasets/mura.json' with { type: 'json' };
import sinoct from '../../../manifests/datasets/sinoct.json' with { type: 'json' };
import thyroidUltrasound from '../../../manifests/datasets/thyroid-ultrasound.json' with { type: 'json' };
import { JsonDocument } from '../json/json-document.js';
import type { LoadedFile } from '../repository/load-json-file.js';
import { LAYOUT } from '../repository/repository-layout.js';
import { DatasetManifest } from '../schema/dataset-manifest.js';

const SOURCES: readonly unknown[] = [
  brainMetsLung,
  chexpert,
  coca,
  echonetDynamic,
  mura,
  sinoct,
  thyroidUltrasound,
];

let cached: LoadedFile<DatasetManifest>[] | undefined;

/**
 * The built-in manifests as loaded files: `file` is where a repository's override of each would live
 * (manifests/datasets/<id>.json), `builtin` marks that no such file exists. They passed the schema when
 * this package was built (test/datasets checks it); a failure here is a packaging bug, so it throws.
 */
export function builtinDatasets(): LoadedFile<DatasetManifest>[] {
  if (cached) return cached;
  cached = SOURCES.map((source) => {
    const value = DatasetManifest.parse(source);
    const file = `${LAYOUT.datasetsDir}/${value.id}.json`;
    const parsed = JsonDocument.parse(file, `${JSON.stringify(source, null, 2)}\n`);
    if ('problem' in parsed) throw new Error(`built-in ${file}: ${parsed.problem.message}`);
    return { file, doc: parsed.doc, value, builtin: true };
  });
  return cached;
}

/** Ids of the built-in datasets, sorted. */
export function builtinDatasetIds(): string[] {
  return builtinDatasets()
    .map((d) => d.value!.id)
    .sort();
}

/**
 * The merged registry: the repository's manifests, then each built-in one whose id the repository
 * neither defines nor names by file (an invalid manifests/datasets/<id>.json still overrides, so its
 * findings are not hidden behind the built-in copy).
 */
export function withBuiltinDatasets(
  repository: readonly LoadedFile<DatasetManifest>[],
): LoadedFile<DatasetManifest>[] {
  const taken = new Set<string>();
  for (const loaded of repository) {
    taken.add(loaded.file);
    if (loaded.value) taken.add(`${LAYOUT.datasetsDir}/${loaded.value.id}.json`);
  }
  return [...repository, ...builtinDatasets().filter((b) => !taken.has(b.file))];
}
