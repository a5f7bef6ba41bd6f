import { type DatasetLayouts, printableEntry } from '../datasets/dataset-layouts.js';
import { labelsStale } from '../labels/lock-labels.js';
import type { DatasetLocks } from '../locks/lock-store.js';
import type { LockEntry } from '../schema/lock.js';
import { type HashCache, type StatKey, statFile } from './hash-cache.js';
import { statFilesInWorker } from './stat-in-worker.js';
import { resolveInside, sourceCacheKey, sourceFileOf, type WorkItem } from './work-items.js';
import { inWorkShare, type WorkShare } from './work-share.js';

/** Below this many outputs a worker's start-up costs more than it saves. */
const WORKER_THRESHOLD = 5000;

/**
 * Why an entry must be looked at. `source-stat` and `output-stat` only mean the file's metadata
 * changed since it was last hashed: the file is hashed, and rendered again only if its bytes changed.
 */
export type StaleReason =
  | 'new'
  | 'forced'
  | 'recipe'
  | 'source'
  | 'source-stat'
  | 'output'
  | 'output-stat'
  // Issue 18: its label row or declared labels changed, or they fail the check.
  | 'labels';

/** One output of this run's share, with what planning learnt from stat calls alone. */
export interface PlannedItem {
  item: WorkItem;
  previous?: LockEntry;
  /** Empty when the entry is up to date. */
  reasons: StaleReason[];
  /** Undefined when the source is missing. */
  source?: { key: StatKey; size: number; cachedSha256?: string };
  /** The output's stat key, when it exists and has an entry. */
  outputKey?: StatKey;
}

/** Up to date by stat calls alone: its source is there and nothing needs hashing or rendering. */
export function upToDate(p: PlannedItem): boolean {
  return p.reasons.length === 0 && p.source !== undefined;
}

/** A previous entry this run owns that nothing asks for any more. */
export interface PlannedRemoval {
  dataset: string;
  entry: LockEntry;
  /** Its paths do not follow the dataset's layout (an old or hand-made entry): never print them. */
  unprintable?: true;
}

export interface Plan {
  /** Datasets whose locks this run rewrites. */
  datasets: string[];
  items: PlannedItem[];
  removals: PlannedRemoval[];
  /** Outputs a no-op snapshot proved up to date with stat calls alone (not listed in `items`). */
  proven?: number;
}

/** Counts of a plan, for printing. */
export function planCounts(plan: Plan): {
  total: number;
  stale: number;
  upToDate: number;
  missingSources: number;
  removals: number;
} {
  let stale = 0;
  let missingSources = 0;
  for (const p of plan.items) {
    if (!p.source) missingSources++;
    else if (p.reasons.length > 0) stale++;
  }
  const total = plan.items.length + (plan.proven ?? 0);
  return {
    total,
    stale,
    upToDate: total - stale - missingSources,
    missingSources,
    removals: plan.removals.length,
  };
}

/**
 * Decides, with stat calls only, which outputs are stale: no entry yet, recipe changed, source
 * changed (or its metadata did since it was hashed), output missing or changed. Reads no file's
 * content, so with nothing changed it costs one stat per source and one per output.
 */
export async function planRegeneration(input: {
  items: readonly WorkItem[];
  locks: ReadonlyMap<string, DatasetLocks>;
  datasets: readonly string[];
  dataRoot: string;
  outDir: string;
  sourceCache: HashCache;
  outputCache: HashCache;
  share?: WorkShare;
  force?: boolean;
  /** Judges which removals may be printed; without it every removal is printable. */
  layouts?: DatasetLayouts;
}): Promise<Plan> {
  const { dataRoot, outDir, sourceCache, outputCache, share, force } = input;
  const asked = new Set<string>();
  const mine: { item: WorkItem; previous: LockEntry | undefined }[] = [];
  for (const item of input.items) {
    asked.add(`${item.dataset}\0${item.output}`);
    if (inWorkShare(item.output, share))
      mine.push({ item, previous: input.locks.get(item.dataset)?.entries.get(item.output) });
  }
  // Outputs are stat'ed on a second core while this thread stats the sources.
  const outputFiles = mine.filter((m) => m.previous).map((m) => resolveInside(outDir, m.item.output));
  const outputStats =
    outputFiles.length >= WORKER_THRESHOLD
      ? statFilesInWorker(outputFiles)
      : Promise.resolve(outputFiles.map(statFile));
  const items: PlannedItem[] = [];
  for (const { item, previous } of mine) {
    const reasons: StaleReason[] = [];
    const st = statFile(sourceFileOf(dataRoot, item));
    const planned: PlannedItem = { item, reasons };
    if (previous) planned.previous = previous;
    if (st) {
      const cachedSha256 = force ? undefined : sourceCache.get(sourceCacheKey(item), st.key);
      planned.source = { key: st.key, size: st.size, ...(cachedSha256 ? { cachedSha256 } : {}) };
    }
    if (force) reasons.push('forced');
    if (!previous) reasons.push('new');
    else {
      if (previous.recipe_sha256 !== item.recipeSha256) reasons.push('recipe');
      if (labelsStale(item, previous)) reasons.push('labels'); // issue 18
      if (previous.source.path !== item.source) reasons.push('source');
      else if (planned.source) {
        const { cachedSha256, size } = planned.source;
        if (size !== previous.source.size) reasons.push('source');
        else if (cachedSha256 === undefined) reasons.push('source-stat');
        else if (cachedSha256 !== previous.source.sha256) reasons.push('source');
      }
    }
    items.push(planned);
  }
  const outs = await outputStats;
  let next = 0;
  for (const planned of items) {
    const { previous, item } = planned;
    if (!previous) continue;
    const out = outs[next++];
    if (!out) planned.reasons.push('output');
    else {
      planned.outputKey = out.key;
      const cached = outputCache.get(item.output, out.key);
      if (cached === undefined) planned.reasons.push('output-stat');
      else if (cached !== previous.output_sha256) planned.reasons.push('output');
    }
  }
  const scope = new Set(input.datasets);
  const removals: PlannedRemoval[] = [];
  for (const [dataset, locks] of input.locks) {
    if (!scope.has(dataset)) continue;
    for (const entry of locks.entries.values()) {
      if (!asked.has(`${dataset}\0${entry.output}`) && inWorkShare(entry.output, share)) {
        const printable = !input.layouts || printableEntry(input.layouts, dataset, entry);
        removals.push(printable ? { dataset, entry } : { dataset, entry, unprintable: true });
      }
    }
  }
  return { datasets: [...input.datasets], items, removals };
}
