import { datasetDirectory } from '../datasets/dataset-directory.js';
import { InputError } from '../errors.js';
import { compareCodeUnits } from '../locks/canonical-json.js';
import { expandGlobs } from '../regenerate/glob.js';
import { loadRepository } from '../repository/load-repository.js';
import type { DatasetManifest, LabelFile } from '../schema/dataset-manifest.js';
import type { Recipe } from '../schema/recipe.js';
import type { Scenario } from '../schema/scenario.js';
import { labelFileFor } from './ground-truth.js';
import { AMBIGUOUS, LabelTables } from './label-index.js';
import { labelFileApplies, labelKeyOf } from './label-key.js';
import { matchesLabelQuery, parseLabelQuery, queryFields } from './label-query.js';
import { seededSample } from './seeded-sample.js';

/** One candidate label row: its key, the source paths that map to it, and the values the query read. */
export interface SuggestedSource {
  key: string;
  file: string;
  /** Up to three source paths that find this row (for a recipe-selected key: the file and the key). */
  sources: string[];
  /** How many source files map to the row in all. */
  sourceCount: number;
  values: Record<string, string>;
}

/** Candidates from one dataset, and why: the query built from the scenario's findings. */
export interface DatasetSuggestion {
  dataset: string;
  query: string;
  /** finding → the query that grounds it (from the manifest's `grounds`). */
  grounds: Record<string, string>;
  /** Findings no label of this dataset grounds. */
  ungrounded: string[];
  matching: number;
  candidates: SuggestedSource[];
}

function fits(scenario: Scenario, dataset: DatasetManifest): boolean {
  if (scenario.source) return scenario.source.dataset === dataset.id;
  if (scenario.modality && !dataset.modalities.includes(scenario.modality)) return false;
  return (scenario.anatomy ?? []).every((a) => dataset.anatomy.includes(a));
}

/** The query over one label file that grounds as many of the scenario's findings as it can. */
function groundingQuery(scenario: Scenario, dataset: DatasetManifest) {
  const grounds: Record<string, string> = {};
  const ungrounded: string[] = [];
  let spec: LabelFile | undefined;
  for (const finding of scenario.findings) {
    const query = dataset.label_fields
      .map((f) => f.grounds?.[finding] ?? f.grounds?.[finding.toLowerCase()])
      .find((q) => q !== undefined);
    const found = query ? labelFileFor(dataset, queryFields(parseLabelQuery(query))) : undefined;
    if (!query || !found || 'problem' in found || (spec && spec !== found.spec)) {
      ungrounded.push(finding);
      continue;
    }
    spec = found.spec;
    grounds[finding] = query;
  }
  return { grounds, ungrounded, spec };
}

/** Which source files map to each key, from the dataset's layout globs (only what the data root holds). */
async function sourcesByKey(dir: string, dataset: DatasetManifest, spec: LabelFile, keys: Set<string>) {
  const bySource = new Map<string, string[]>();
  if (spec.key.from === 'recipe-value') {
    for (const k of keys)
      bySource.set(k, [
        `${dataset.layout.entries.find((e) => e.hdf5_keys)?.path ?? '?'} (select ${spec.key.key} = ${k})`,
      ]);
    return bySource;
  }
  if (spec.key.from === 'path') {
    for (const k of keys) bySource.set(k, [k]);
    return bySource;
  }
  const globs = dataset.layout.entries
    .filter((e) => e.kind === 'glob' && e.min_count !== undefined)
    .map((e) => e.path);
  for (const path of await expandGlobs(dir, globs)) {
    if (!labelFileApplies(spec, path)) continue;
    const key = labelKeyOf(spec.key, { path, recipe: { kind: 'image' } as Recipe });
    if (key === undefined || !keys.has(key)) continue;
    bySource.set(key, [...(bySource.get(key) ?? []), path]);
  }
  return bySource;
}

/**
 * Candidate real sources for a scenario: in each dataset that fits it (its own source's dataset, or by
 * modality and anatomy), the label rows that match the queries the manifest's `grounds` give for its
 * findings, `n` of them chosen by a sample seeded with the scenario id (the same list on every run).
 */
export async function suggestSources(
  repoRoot: string,
  scenarioId: string,
  dataRoot: string,
  n: number,
): Promise<DatasetSuggestion[]> {
  const repo = await loadRepository(repoRoot, ['scenarios', 'datasets']);
  const scenario = repo.scenarios.find((s) => s.value?.id === scenarioId)?.value;
  if (!scenario) throw new InputError('scenario', scenarioId, 'no scenario has this id');
  const tables = new LabelTables(dataRoot);
  const out: DatasetSuggestion[] = [];
  for (const dataset of repo.datasets.flatMap((d) => (d.value && fits(scenario, d.value) ? [d.value] : []))) {
    const { grounds, ungrounded, spec } = groundingQuery(scenario, dataset);
    const query = Object.values(grounds)
      .filter((q, i, all) => all.indexOf(q) === i)
      .map((q) => (Object.keys(grounds).length > 1 ? `(${q})` : q))
      .join(' and ');
    if (!spec || query === '') {
      out.push({ dataset: dataset.id, query: '', grounds, ungrounded, matching: 0, candidates: [] });
      continue;
    }
    const indexed = await tables.get(dataset.id, spec);
    const parsed = parseLabelQuery(query);
    const fields = queryFields(parsed);
    const keyColumn = indexed.column.get(spec.key_column)!;
    const rows = new Map<string, number>();
    for (let i = 0; i < indexed.table.size; i++) {
      const row = indexed.table.row(i);
      const key = row[keyColumn]!.trim();
      if (indexed.rowOf.get(key) === AMBIGUOUS) continue;
      if (matchesLabelQuery(parsed, (f) => row[indexed.column.get(f) ?? -1] ?? '')) rows.set(key, i);
    }
    const picked = seededSample(
      [...rows.keys()].map((id) => ({ id, stratum: '' })),
      n,
      scenario.id,
    );
    const sources = await sourcesByKey(
      datasetDirectory(dataRoot, dataset.id),
      dataset,
      spec,
      new Set(picked),
    );
    const candidates = picked.map((key) => {
      const i = rows.get(key)!;
      const row = indexed.table.row(i);
      const all = sources.get(key) ?? [];
      return {
        key,
        file: indexed.table.files[indexed.table.fileOfRow[i]!]!,
        sources: all.slice(0, 3),
        sourceCount: all.length,
        values: Object.fromEntries(fields.map((f) => [f, row[indexed.column.get(f) ?? -1] ?? ''])),
      };
    });
    out.push({ dataset: dataset.id, query, grounds, ungrounded, matching: rows.size, candidates });
  }
  return out.sort((a, b) => compareCodeUnits(a.dataset, b.dataset));
}

/** The suggestions as text: per dataset the query and why, then one line per candidate. */
export function formatSuggestions(scenarioId: string, suggestions: readonly DatasetSuggestion[]): string {
  const lines: string[] = [];
  if (suggestions.length === 0) lines.push(`${scenarioId}: no dataset fits its modality and anatomy`);
  for (const s of suggestions) {
    if (s.query === '') {
      lines.push(
        `${s.dataset}: no label grounds the findings of ${scenarioId} (${s.ungrounded.join(', ') || 'it has none'})`,
      );
      continue;
    }
    const why = Object.entries(s.grounds).map(([f, q]) => `"${f}" ← ${q}`);
    lines.push(`${s.dataset}: ${s.query}  (${why.join('; ')})`);
    if (s.ungrounded.length > 0) lines.push(`  not grounded by a label: ${s.ungrounded.join(', ')}`);
    lines.push(
      `  ${s.candidates.length} of ${s.matching} matching label rows (sample seeded by the scenario id):`,
    );
    for (const c of s.candidates) {
      const values = Object.entries(c.values).map(([k, v]) => `${k}=${v === '' ? '(blank)' : v}`);
      const more = c.sourceCount > c.sources.length ? ` and ${c.sourceCount - c.sources.length} more` : '';
      const where =
        c.sources.length > 0 ? `${c.sources.join(', ')}${more}` : `${c.key} (no source file found)`;
      lines.push(`  ${where}  ${values.join(' ')}  [${c.file}]`);
    }
  }
  return `${lines.join('\n')}\n`;
}
