import { createHash } from 'node:crypto';
import path from 'node:path';
import { datasetDirectory } from '../datasets/dataset-directory.js';
import { type DatasetLayouts, datasetLayouts } from '../datasets/dataset-layouts.js';
import { InputError } from '../errors.js';
import { canonicalJson, compareCodeUnits } from '../locks/canonical-json.js';
import { assertDatasetId } from '../locks/lock-layout.js';
import { loadRepository, type Repository } from '../repository/load-repository.js';
import type { LockEntry } from '../schema/lock.js';
import type { Recipe } from '../schema/recipe.js';
import { expandGlobs } from './glob.js';

/** One output to make: which source, by which recipe, to which path. */
export interface WorkItem {
  dataset: string;
  /** Source path relative to the dataset's directory (`<data root>/<dataset id>/`), forward slashes. */
  source: string;
  recipe: Recipe;
  /**
   * sha256 of the canonical JSON of the recipe as declared (defaults applied); for a recipe that reads
   * other files too (see recipe-inputs.ts), of the recipe together with those files' hashes.
   */
  recipeSha256: string;
  /** Hashes of the files besides the source that the recipe reads, by path in the dataset folder. */
  inputs?: Record<string, string>;
  /** Output path relative to the outputs directory. */
  output: string;
  /** The content file that asked for it (scenario or selection), for messages. */
  origin: string;
  /** Issue 18 (labels/ground-truth.ts): the label row it was checked against or picked by. */
  labels?: LockEntry['labels'];
  /** Issue 18: why its scenario's labels do not match the data; the item fails. */
  labelsFailure?: string;
}

/** Hash of a recipe as declared: what decides whether an entry's recipe changed. */
export function recipeSha256(recipe: Recipe): string {
  return createHash('sha256').update(canonicalJson(recipe)).digest('hex');
}

function assertInside(file: string, what: string, value: string): void {
  const parts = value.split('/');
  if (
    value.startsWith('/') ||
    /^[A-Za-z]:/.test(value) ||
    parts.includes('..') ||
    value.includes('\\') ||
    value === ''
  ) {
    throw new InputError(
      'path',
      file,
      `${what} "${value}" must be a relative path that stays inside its root`,
    );
  }
}

/**
 * What asks for outputs: the scenarios and selections of a repository, and the dataset manifests
 * whose layouts their source paths must follow (without them, only plain ASCII names pass).
 */
export type Requests = Pick<Repository, 'scenarios' | 'selections'> & Partial<Pick<Repository, 'datasets'>>;

/**
 * Sources a run refuses because their paths do not follow the dataset's layout: counted per request,
 * never named, since such a path may carry a patient's name.
 */
export interface RejectedSources {
  dataset: string;
  /** The scenario or selection file that asked for them. */
  origin: string;
  count: number;
  /** Why the first of them does not follow the layout; names no segment's text. */
  reason: string;
  /** For a scenario, its id. */
  scenario?: string;
}

/** Scenarios, selections and dataset manifests, schema-checked; a broken one is an InputError naming it. */
export async function loadRequests(repoRoot: string): Promise<Requests> {
  const { scenarios, selections, datasets, findings } = await loadRepository(repoRoot, [
    'scenarios',
    'selections',
    'datasets',
  ]);
  const firstError = findings.find((f) => f.severity === 'error');
  if (firstError) {
    const at = firstError.line === undefined ? '' : `line ${firstError.line}: `;
    throw new InputError(
      'content',
      firstError.file,
      `${at}${firstError.message} (run \`clinical-manifests validate\`)`,
    );
  }
  return { scenarios, selections, datasets };
}

/** The datasets scenarios and selections ask for, without expanding any glob. */
export function requestedDatasets({ scenarios, selections }: Requests): Set<string> {
  const datasets = new Set<string>();
  for (const { value } of scenarios) if (value?.source) datasets.add(value.source.dataset);
  for (const { value } of selections) if (value) datasets.add(value.dataset);
  return datasets;
}

/**
 * Every output the repository asks for: scenarios with a real `source`, and bulk selections expanded
 * against the data root. Limited to `datasets` when given. Two requests for one output path must agree.
 * `walkedDirs` collects, per dataset, the folders the globs read. A source whose path does not follow
 * its dataset's layout becomes no item: it is counted in `rejected` instead (when not given, the first
 * one is an InputError), and its path goes nowhere.
 */
export async function collectWorkItems(
  requests: Requests,
  dataRoot: string,
  datasets?: readonly string[],
  walkedDirs?: Map<string, string[]>,
  rejected?: RejectedSources[],
): Promise<WorkItem[]> {
  const { scenarios, selections } = requests;
  const layouts = datasetLayouts(requests.datasets);
  const reject = (r: RejectedSources) => {
    if (!rejected) throw new InputError('source-path', r.origin, rejectionReason(r));
    const same = rejected.find((x) => x.origin === r.origin && x.dataset === r.dataset);
    if (same) same.count += r.count;
    else rejected.push(r);
  };
  const wanted = datasets && datasets.length > 0 ? new Set(datasets) : undefined;
  const items: WorkItem[] = [];
  for (const { file, value } of scenarios) {
    const source = value?.source;
    if (!source || (wanted && !wanted.has(source.dataset))) continue;
    assertDatasetId(source.dataset);
    assertInside(file, 'image_file', value.image_file);
    const verdict = scenarioSourceVerdict(layouts, source);
    if (!verdict.ok) {
      reject({ dataset: source.dataset, origin: file, count: 1, reason: verdict.reason, scenario: value.id });
      continue;
    }
    items.push({
      dataset: source.dataset,
      source: source.path,
      recipe: source.recipe,
      recipeSha256: recipeSha256(source.recipe),
      output: value.image_file,
      origin: file,
    });
  }
  for (const { file, value } of selections) {
    if (!value || (wanted && !wanted.has(value.dataset))) continue;
    assertDatasetId(value.dataset);
    assertInside(file, 'output_dir', value.output_dir);
    const hash = recipeSha256(value.recipe);
    const outputDir = value.output_dir.replace(/\/+$/, '');
    for (const source of await expandGlobs(
      datasetDirectory(dataRoot, value.dataset),
      value.include,
      value.exclude,
      walkedDirs && (walkedDirs.get(value.dataset) ?? walkedDirs.set(value.dataset, []).get(value.dataset)),
    )) {
      const verdict = layouts.check(value.dataset, source);
      if (!verdict.ok) {
        reject({ dataset: value.dataset, origin: file, count: 1, reason: verdict.reason });
        continue;
      }
      items.push({
        dataset: value.dataset,
        source,
        recipe: value.recipe,
        recipeSha256: hash,
        output: `${outputDir}/${source}.png`,
        origin: file,
      });
    }
  }
  return dedupe(items);
}

/**
 * A scenario's source path, and the label volume a NIfTI recipe reads beside it, against the layout.
 * (The label volume's path is joined as recipe-inputs.ts and the renderer join it.)
 */
function scenarioSourceVerdict(
  layouts: DatasetLayouts,
  source: { dataset: string; path: string; recipe: Recipe },
): ReturnType<DatasetLayouts['check']> {
  const verdict = layouts.check(source.dataset, source.path);
  if (!verdict.ok || source.recipe.kind !== 'nifti' || !source.recipe.segmentation) return verdict;
  const label = path.posix.normalize(
    path.posix.join(path.posix.dirname(source.path), source.recipe.segmentation),
  );
  const labelVerdict = layouts.check(source.dataset, label);
  return labelVerdict.ok ? labelVerdict : { ok: false, reason: `its segmentation: ${labelVerdict.reason}` };
}

/** A rejection as one line for a person: how many, which layout, why; never which path. */
export function rejectionReason(r: RejectedSources): string {
  const why = `does not follow the ${r.dataset} layout`;
  if (r.scenario !== undefined)
    return `scenario ${r.scenario}: source.path ${why}: ${r.reason}; not processed`;
  const many =
    r.count === 1 ? `1 source file ${why}` : `${r.count} source files ${why.replace('does', 'do')}`;
  return `${many}: ${r.count === 1 ? '' : 'the first, '}${r.reason}; not processed`;
}

function dedupe(items: WorkItem[]): WorkItem[] {
  const byOutput = new Map<string, WorkItem>();
  for (const item of items) {
    const seen = byOutput.get(item.output);
    if (!seen) byOutput.set(item.output, item);
    else if (
      seen.source !== item.source ||
      seen.recipeSha256 !== item.recipeSha256 ||
      seen.dataset !== item.dataset
    ) {
      throw new InputError(
        'output-conflict',
        item.origin,
        `output "${item.output}" is also made differently by ${seen.origin}; give one of them another path`,
      );
    }
  }
  return [...byOutput.values()].sort((a, b) => compareCodeUnits(a.output, b.output));
}

/** The source file of an item: `<data root>/<dataset id>/<source path>`. */
export function sourceFileOf(dataRoot: string, item: { dataset: string; source: string }): string {
  return resolveInside(
    path.sep === '/' ? `${dataRoot}/${item.dataset}` : datasetDirectory(dataRoot, item.dataset),
    item.source,
  );
}

/** The key of a source in the hash cache of a data root. */
export function sourceCacheKey(item: { dataset: string; source: string }): string {
  return `${item.dataset}/${item.source}`;
}

/** Joins a checked relative path (no `..`, no leading `/`) onto a root. */
export function resolveInside(root: string, relative: string): string {
  // Plain concatenation where separators agree: a plan calls this 200,000 times.
  return path.sep === '/' ? `${root}/${relative}` : path.join(root, ...relative.split('/'));
}
