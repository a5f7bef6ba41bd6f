import { createHash } from 'node:crypto';
import { datasetDirectory } from '../datasets/dataset-directory.js';
import { InputError } from '../errors.js';
import { writeFileAtomic } from '../fs/write-file-atomic.js';
import { withLabels } from '../labels/lock-labels.js';
import { entryKey } from '../locks/lock-format.js';
import type { LockEntry } from '../schema/lock.js';
import { scanOutput } from '../text-scan/scan-output.js';
import { statFile } from './hash-cache.js';
import { checkItem } from './item-checks.js';
import type { ItemContext, ItemOutcome } from './item-context.js';
import { type HashedSource, hashItemSource } from './item-source.js';
import { lockEntryOf } from './lock-entry.js';
import type { PlannedItem } from './plan.js';
import { resolveInside, sourceFileOf } from './work-items.js';

export type { ItemContext, ItemOutcome } from './item-context.js';

// A changed label row ('labels') updates the entry without rendering.
const VERIFY_ONLY = new Set(['source-stat', 'output-stat', 'labels']);

/** The previous entry kept, with the item's label record. */
function kept(previous: LockEntry, item: PlannedItem['item']): ItemOutcome {
  const entry = withLabels(previous, item);
  return { status: entry === previous ? 'unchanged' : 'changed', entry, rendered: false };
}

/**
 * When only metadata changed (a touched source or output) and the bytes did not, the previous entry
 * still holds: nothing is rendered. Undefined when the item must be rendered.
 */
async function unchangedBytes(
  planned: PlannedItem,
  source: HashedSource,
  ctx: ItemContext,
): Promise<ItemOutcome | undefined> {
  const { item, previous } = planned;
  if (!previous || !planned.reasons.every((r) => VERIFY_ONLY.has(r))) return undefined;
  if (source.sha256 !== previous.source.sha256) return undefined;
  if (!planned.reasons.includes('output-stat')) return kept(previous, item);
  const output = await ctx.hashPool.hash(resolveInside(ctx.outDir, item.output)).catch(() => undefined);
  if (output?.sha256 !== previous.output_sha256) return undefined;
  ctx.outputCache.set(item.output, output.key, output.sha256);
  return kept(previous, item);
}

/** Writes the output atomically and records its stat key; returns its sha256. */
async function writeOutput(ctx: ItemContext, output: string, png: Uint8Array): Promise<string> {
  const sha256 = createHash('sha256').update(png).digest('hex');
  const file = resolveInside(ctx.outDir, output);
  await writeFileAtomic(file, png, { fsync: false });
  const written = statFile(file);
  if (written) ctx.outputCache.set(output, written.key, sha256);
  return sha256;
}

function outcomeOf(previous: LockEntry | undefined, entry: LockEntry): ItemOutcome {
  if (!previous) return { status: 'added', entry, rendered: true };
  return { status: entryKey(previous) === entryKey(entry) ? 'unchanged' : 'changed', entry, rendered: true };
}

/**
 * Brings one output up to date, in steps: hash the source (unless the cache vouches for it); stop if
 * only metadata changed; render; refuse a source that changed meanwhile; run the item checks
 * (item-checks.ts, where per-item checks are added); write the output; build the entry. Returns the
 * outcome, or throws the reason the item failed (it then keeps its old entry).
 */
export async function processItem(
  planned: PlannedItem,
  ctx: ItemContext,
  signal: AbortSignal,
): Promise<ItemOutcome> {
  const { item, previous } = planned;
  const source = await hashItemSource(planned, ctx);
  // A scenario whose labels disagree with its label row fails before anything is rendered.
  if (item.labelsFailure) throw new InputError('ground-truth', item.origin, item.labelsFailure);
  signal.throwIfAborted();
  const unchanged = await unchangedBytes(planned, source, ctx);
  if (unchanged) return unchanged;
  const datasetDir = datasetDirectory(ctx.dataRoot, item.dataset);
  const file = sourceFileOf(ctx.dataRoot, item);
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
  await checkItem(rendered, item, { file, datasetDir, signal });
  // Burned-in text: identifying text throws; a recipe's `redact: "text"` replaces the PNG.
  const scan = ctx.textScan && (await scanOutput(rendered, item, file, ctx.textScan));
  if (scan?.replace)
    Object.assign(rendered, { png: scan.replace.png, pixelsSha256: scan.replace.pixelsSha256 });
  const outputSha256 = await writeOutput(ctx, item.output, rendered.png);
  const entry = lockEntryOf(item, source, rendered, outputSha256);
  if (scan) entry.text_scan = scan.record;
  return outcomeOf(previous, entry);
}
