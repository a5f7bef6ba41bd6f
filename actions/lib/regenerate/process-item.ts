import { createHash } from 'node:crypto';
import { datasetDirectory } from '../datasets/dataset-directory.js';
import { InputError } from '../errors.js';
import { resolvesOutside } from '../fs/real-paths.js';
import { writeFileAtomic } from '../fs/write-file-atomic.js';
import { entryKey } from '../locks/lock-format.js';
import type { LockEntry } from '../schema/lock.js';
import type { TextScanContext } from '../text-scan/scan-context.js';
import { scanOutput } from '../text-scan/scan-output.js';
import { type HashCache, statFile } from './hash-cache.js';
import type { HashPool } from './hash-pool.js';
import type { PlannedItem } from './plan.js';
import type { Renderer } from './renderer.js';
import { safeResolved } from './safe-resolved.js';
import { resolveInside, sourceCacheKey, sourceFileOf } from './work-items.js';

/** What became of one planned item. */
export type ItemOutcome =
  | { status: 'unchanged'; entry: LockEntry; rendered: boolean }
  | { status: 'added' | 'changed'; entry: LockEntry; rendered: true };

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
  /** Burned-in text scan of every output (issue 16); absent: no scan. */
  textScan?: TextScanContext;
}

const VERIFY_ONLY = new Set(['source-stat', 'output-stat']);

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
    if (!planned.reasons.includes('output-stat'))
      return { status: 'unchanged', entry: previous, rendered: false };
    const output = await ctx.hashPool.hash(resolveInside(ctx.outDir, item.output)).catch(() => undefined);
    if (output && output.sha256 === previous.output_sha256) {
      ctx.outputCache.set(item.output, output.key, output.sha256);
      return { status: 'unchanged', entry: previous, rendered: false };
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
  // issue 16: scan the output for burned-in text; identifying text throws, a redaction replaces the PNG.
  const scan = ctx.textScan && (await scanOutput(rendered, item, file, ctx.textScan));
  if (scan?.replace)
    Object.assign(rendered, { png: scan.replace.png, pixelsSha256: scan.replace.pixelsSha256 });
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
  };
  if (rendered.burnedInAnnotation !== undefined) entry.burned_in_annotation = rendered.burnedInAnnotation;
  if (scan) entry.text_scan = scan.record; // issue 16
  if (!previous) return { status: 'added', entry, rendered: true };
  return { status: entryKey(previous) === entryKey(entry) ? 'unchanged' : 'changed', entry, rendered: true };
}
