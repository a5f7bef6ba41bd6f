import { InputError, messageOf } from '../errors.js';
import type { LoadedFile } from '../repository/load-json-file.js';
import type { DatasetManifest, LabelFile } from '../schema/dataset-manifest.js';
import type { LockEntry } from '../schema/lock.js';
import type { Scenario } from '../schema/scenario.js';
import type { Selection } from '../schema/selection.js';
import { claimedLabelsSha256, labelRowSha256 } from './label-hashes.js';
import { AMBIGUOUS, type IndexedLabels, LabelTables, labelField, labelFileOf } from './label-index.js';
import { labelFileApplies, labelKeyOf, type SourceRef } from './label-key.js';
import { type LabelQuery, matchesLabelQuery, parseLabelQuery, queryFields } from './label-query.js';
import { sameLabelValue } from './label-values.js';
import { seededSample } from './seeded-sample.js';

/** What a lock entry records of the label row it was checked against or picked by. */
export type LockLabels = NonNullable<LockEntry['labels']>;

/** The part of a work item ground truth reads and writes (see regenerate/work-items.ts). */
export interface LabelledItem {
  dataset: string;
  source: string;
  recipe: SourceRef['recipe'];
  origin: string;
  labels?: LockLabels;
  labelsFailure?: string;
}

interface Requests {
  scenarios: readonly LoadedFile<Scenario>[];
  selections: readonly LoadedFile<Selection>[];
  datasets?: readonly LoadedFile<DatasetManifest>[] | undefined;
}

/** The one label file that holds every named field, or why there is none. Needs no data. */
export function labelFileFor(
  manifest: DatasetManifest,
  fields: readonly string[],
): { spec: LabelFile } | { problem: string } {
  let spec: LabelFile | undefined;
  for (const name of fields) {
    const field = labelField(manifest, name);
    if (!field) return { problem: `dataset ${manifest.id} has no label "${name}"` };
    const file = labelFileOf(manifest, field);
    if (!file)
      return {
        problem: `"${name}" is not a label of dataset ${manifest.id}: no label file holds it (held in ${field.held_in ?? 'label-file'}${field.held_in === undefined || field.held_in === 'label-file' ? ', but no label_files entry names its source' : ''})`,
      };
    if (spec && spec !== file)
      return { problem: `labels "${fields.join('", "')}" come from different label files; use one` };
    spec = file;
  }
  if (!spec) return { problem: 'no label named' };
  return { spec };
}

/** The row of a source in an indexed table, or why there is none (never quoting the key or a cell). */
export function rowOfSource(
  indexed: IndexedLabels,
  source: SourceRef,
): { row: number; key: string } | { problem: string } {
  const { spec } = indexed;
  if (!labelFileApplies(spec, source.path))
    return { problem: `${indexed.shown} does not label this source (applies_to)` };
  const key = labelKeyOf(spec.key, source);
  if (key === undefined)
    return {
      problem: `its ${spec.key_column} cannot be derived from the source (key from ${spec.key.from})`,
    };
  const row = indexed.rowOf.get(key);
  if (row === undefined) return { problem: `no row of ${indexed.shown} has its ${spec.key_column}` };
  if (row === AMBIGUOUS)
    return {
      problem: `its ${spec.key_column} is in several rows of ${indexed.shown}; a label row must be unique`,
    };
  return { row, key };
}

/** The lock record of a row: its file and hash. */
function recordOf(indexed: IndexedLabels, row: number): LockLabels {
  const { table } = indexed;
  return {
    file: table.files[table.fileOfRow[row]!]!,
    row_sha256: labelRowSha256(table.columns, table.row(row), indexed.order),
  };
}

/**
 * Checks one scenario's source.labels against the row its source maps to. Returns the lock record, or
 * the failure naming the scenario, each differing field and both values (and nothing else of the file).
 */
export async function checkScenarioLabels(
  scenario: Scenario,
  manifest: DatasetManifest,
  tables: LabelTables,
): Promise<{ labels: LockLabels } | { failure: string }> {
  const source = scenario.source!;
  const names = Object.keys(source.labels);
  const fail = (why: string) => ({ failure: `scenario ${scenario.id}: ${why}` });
  const found = labelFileFor(manifest, names);
  if ('problem' in found) return fail(found.problem);
  let indexed: IndexedLabels;
  try {
    indexed = await tables.get(manifest.id, found.spec);
  } catch (error) {
    return fail(messageOf(error));
  }
  const at = rowOfSource(indexed, source);
  if ('problem' in at) return fail(at.problem);
  const row = indexed.table.row(at.row);
  const file = indexed.table.files[indexed.table.fileOfRow[at.row]!]!;
  const differences: string[] = [];
  for (const name of names) {
    const column = indexed.column.get(name);
    if (column === undefined) {
      differences.push(`${file} has no column "${name}"`);
      continue;
    }
    const declared = source.labels[name]!;
    const cell = row[column] ?? '';
    if (!sameLabelValue(declared, cell))
      differences.push(
        `label "${name}" is ${JSON.stringify(declared)} in source.labels but ${JSON.stringify(cell)} in ${file}`,
      );
  }
  if (differences.length > 0) return fail(differences.join('; '));
  return {
    labels: {
      ...recordOf(indexed, at.row),
      claimed_sha256: claimedLabelsSha256({
        dataset: manifest.id,
        path: source.path,
        key: at.key,
        labels: source.labels,
      }),
    },
  };
}

/** The claim hash of a scenario as validate computes it without data (same inputs as regenerate). */
export function scenarioClaimSha256(scenario: Scenario, manifest: DatasetManifest | undefined): string {
  const source = scenario.source!;
  const found = manifest ? labelFileFor(manifest, Object.keys(source.labels)) : undefined;
  const key = found && 'spec' in found ? labelKeyOf(found.spec.key, source) : undefined;
  return claimedLabelsSha256({ dataset: source.dataset, path: source.path, key, labels: source.labels });
}

/** A selection's query, parsed, with the label file it reads; undefined when it picks by glob alone. */
export function selectionQuery(
  selection: Selection,
  manifest: DatasetManifest | undefined,
  file: string,
): { query: LabelQuery | undefined; spec: LabelFile | undefined } | undefined {
  if (selection.where === undefined && selection.sample === undefined) return undefined;
  let query: LabelQuery | undefined;
  try {
    query = selection.where === undefined ? undefined : parseLabelQuery(selection.where);
  } catch (error) {
    throw new InputError('selection-query', file, `where: ${messageOf(error)}`);
  }
  const fields = [...(query ? queryFields(query) : []), ...(selection.sample?.stratify_by ?? [])];
  if (fields.length === 0) return { query, spec: undefined };
  if (!manifest)
    throw new InputError('selection-query', file, `dataset ${selection.dataset} has no manifest`);
  const found = labelFileFor(manifest, fields);
  if ('problem' in found) throw new InputError('selection-query', file, found.problem);
  return { query, spec: found.spec };
}

/**
 * Ground truth for a run (issue 18), on the runner that holds the data: selections with `where` or
 * `sample` keep only the sources they pick (deterministic: a function of the sources, their label rows
 * and the seed, never of a shard), and every scenario with source.labels is checked against its row.
 * Mutates `items`: unpicked ones are removed; each kept item gets `labels` (the row's file and hash)
 * or `labelsFailure`. Returns the label files read, by dataset, for the no-op snapshot.
 */
export async function applyGroundTruth(
  items: LabelledItem[],
  requests: Requests,
  dataRoot: string,
  tables = new LabelTables(dataRoot),
): Promise<Map<string, string[]>> {
  const manifests = new Map<string, DatasetManifest>();
  for (const d of requests.datasets ?? [])
    if (d.value && !manifests.has(d.value.id)) manifests.set(d.value.id, d.value);
  const drop = new Set<LabelledItem>();

  for (const { file, value: selection } of requests.selections) {
    if (!selection) continue;
    const picking = selectionQuery(selection, manifests.get(selection.dataset), file);
    if (!picking) continue;
    const mine = items.filter((i) => i.origin === file);
    // Out of this run's datasets, or nothing matched its globs: no label file to read.
    if (mine.length === 0) continue;
    const indexed = picking.spec ? await tables.get(selection.dataset, picking.spec) : undefined;
    const candidates: { id: string; stratum: string }[] = [];
    // Row of each candidate; its record (a hash) is made for the picks only.
    const rowOf = new Map<LabelledItem, number>();
    // One cell reader for the whole loop (not a closure per source: 224,316 of them feed the GC).
    // Only the cells the query and strata read are cut out of the row.
    let current = 0;
    const cell = (field: string) => indexed!.table.cell(current, indexed!.column.get(field) ?? -1);
    const strata = selection.sample?.stratify_by ?? [];
    for (const item of mine) {
      if (!indexed) {
        candidates.push({ id: item.source, stratum: '' });
        continue;
      }
      const at = rowOfSource(indexed, { path: item.source, recipe: item.recipe });
      if ('problem' in at) continue;
      current = at.row;
      if (picking.query && !matchesLabelQuery(picking.query, cell)) continue;
      let stratum = '';
      for (let i = 0; i < strata.length; i++) stratum += (i > 0 ? '\u001f' : '') + cell(strata[i]!);
      candidates.push({ id: item.source, stratum });
      rowOf.set(item, at.row);
    }
    const picked = new Set(
      selection.sample
        ? seededSample(candidates, selection.sample.n, selection.sample.seed)
        : candidates.map((c) => c.id),
    );
    for (const item of mine) {
      const row = rowOf.get(item);
      if (!picked.has(item.source)) drop.add(item);
      else if (indexed && row !== undefined) item.labels = recordOf(indexed, row);
    }
  }

  const scenarioByFile = new Map(requests.scenarios.map((s) => [s.file, s.value]));
  for (const item of items) {
    const scenario = scenarioByFile.get(item.origin);
    if (!scenario?.source || Object.keys(scenario.source.labels).length === 0) continue;
    const manifest = manifests.get(scenario.source.dataset);
    if (!manifest) {
      item.labelsFailure = `scenario ${scenario.id}: dataset ${scenario.source.dataset} has no manifest`;
      continue;
    }
    const verdict = await checkScenarioLabels(scenario, manifest, tables);
    if ('failure' in verdict) item.labelsFailure = verdict.failure;
    else item.labels = verdict.labels;
  }

  if (drop.size > 0) {
    const kept = items.filter((i) => !drop.has(i));
    items.length = 0;
    items.push(...kept);
  }
  return new Map([...tables.read].map(([d, files]) => [d, [...files].sort()]));
}
