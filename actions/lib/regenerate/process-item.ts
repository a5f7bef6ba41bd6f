import { createHash } from 'node:crypto';
import { datasetDirectory } from '../datasets/dataset-directory.js';
import { InputError } from '../errors.js';
import { resolvesOutside } from '../fs/real-paths.js';
import { writeFileAtomic } from '../fs/write-file-atomic.js';
import { withLabels } from '../labels/lock-labels.js';
import { entryKey } from '../locks/lock-format.js';
import type { LockEntry } from '../schema/lock.js';
import { type HashCache, statFile } from './hash-cache.js';
import type { HashPool } from './hash-pool.js';
import type { PlannedItem } from './plan.js';
import type { Renderer } from './renderer.js';
import { safeResolved } from './safe-resolved.js';
import { resolveInside, sourceCacheKey, sourceFileOf } from './work-items.js';

/** What became of one planned item. */
export type ItemOutcome =
  | { status: 'unchanged'; entry: LockEntry; rendered: boolean }
  | { status: 'added' | 'changed'; entry: LockEntry; rendered: boolean };

/** Everything processing needs, shared by all items of a run. */
export interface ItemContext {
  dataRoot: string;
  outDir: string;
  renderer: Renderer;
  hashPool: HashPool;
  sourceCache: HashCache;
  outputCache: HashCache;
  /** Real path of a dataset folder, resolved once per run. */
  realDir: (dir: string) => Promise<string>;
  timeoutMs?: number;
}

// 'labels' (issue 18): a changed label row updates the entry without rendering.
const VERIFY_ONLY = new Set(['source-stat', 'output-stat', 'labels']);

/** The previous entry kept, with the item's label record (issue 18). */
function kept(previous: LockEntry, item: PlannedItem['item']): ItemOutcome {
  const entry = withLabels(previous, item);
  return { status: entry === previous ? 'unchanged' : 'changed', entry, rendered: false };
}

/**
 * Brings one output up to date: hashes the source (unless the cache vouches for it), and when only
 * metadata changed and the bytes did not, stops there; otherwise renders, writes the output atomically
 * and builds the new entry. A source that changes while it is rendered is an error, not an entry.
 */
export async function processItem(
  planned: PlannedItem,
  ctx: ItemContext,
  signal: AbortSignal,
): Promise<ItemOutcome> {
  const { item, previous } = planned;
  const datasetDir = datasetDirectory(ctx.dataRoot, item.dataset);
  const file = sourceFileOf(ctx.dataRoot, item);
  if (!planned.source) throw new InputError('source-missing', item.source, 'source file is missing');
  // Issue 18: a scenario whose labels disagree with its label row fails before anything is read.
  if (item.labelsFailure) throw new InputError('ground-truth', item.origin, item.labelsFailure);
  // The dataset folder itself may be a link to another disk; a source may not lead out of it.
  if (await resolvesOutside(file, await ctx.realDir(datasetDir))) {
    throw new InputError('symlink-escape', item.source, 'source resolves outside its dataset folder');
  }
  let source = {
    sha256: planned.source.cachedSha256 ?? '',
    size: planned.source.size,
    key: planned.source.key,
  };
  if (!planned.source.cachedSha256) {
    source = await ctx.hashPool.hash(file);
    ctx.sourceCache.set(sourceCacheKey(item), source.key, source.sha256);
  }
  signal.throwIfAborted();
  if (
    previous &&
    planned.reasons.every((r) => VERIFY_ONLY.has(r)) &&
    source.sha256 === previous.source.sha256
  ) {
    if (!planned.reasons.includes('output-stat')) return kept(previous, item);
    const output = await ctx.hashPool.hash(resolveInside(ctx.outDir, item.output)).catch(() => undefined);
    if (output && output.sha256 === previous.output_sha256) {
      ctx.outputCache.set(item.output, output.key, output.sha256);
      return kept(previous, item);
    }
  }
  const rendered = await ctx.renderer.render(file, item.recipe, {
    dataRoot: datasetDir,
    sourcePath: item.source,
    signal,
    ...(ctx.timeoutMs !== undefined ? { timeoutMs: ctx.timeoutMs } : {}),
  });
  signal.throwIfAborted();
  if (statFile(file)?.key !== source.key) {
    throw new InputError(
      'source-changed',
      item.source,
      'source changed while it was being processed; run again',
    );
  }
  const outputSha256 = createHash('sha256').update(rendered.png).digest('hex');
  const outputFile = resolveInside(ctx.outDir, item.output);
  await writeFileAtomic(outputFile, rendered.png, { fsync: false });
  const written = statFile(outputFile);
  if (written) ctx.outputCache.set(item.output, written.key, outputSha256);
  const resolved = safeResolved(rendered.resolved);
  const entry: LockEntry = {
    output: item.output,
    source: { path: item.source, sha256: source.sha256, size: source.size },
    recipe: {
      ...item.recipe,
      ...(item.inputs ? { inputs: item.inputs } : {}),
      ...(Object.keys(resolved).length > 0 ? { resolved } : {}),
    },
    recipe_sha256: item.recipeSha256,
    output_sha256: outputSha256,
    pixels_sha256: rendered.pixelsSha256,
    width: rendered.width,
    height: rendered.height,
    channels: rendered.channels,
    ...(item.labels ? { labels: item.labels } : {}), // issue 18
  };
  if (rendered.burnedInAnnotation !== undefined) entry.burned_in_annotation = rendered.burnedInAnnotation;
  if (!previous) return { status: 'added', entry, rendered: true };
  return { status: entryKey(previous) === entryKey(entry) ? 'unchanged' : 'changed', entry, rendered: true };
}
