import { datasetDirectory } from '../datasets/dataset-directory.js';
import { InputError } from '../errors.js';
import { resolvesOutside } from '../fs/real-paths.js';
import type { StatKey } from './hash-cache.js';
import type { ItemContext } from './item-context.js';
import type { PlannedItem } from './plan.js';
import { sourceCacheKey, sourceFileOf } from './work-items.js';

/** A source as hashed: what its entry records, and the stat key the hash belongs to. */
export interface HashedSource {
  sha256: string;
  size: number;
  key: StatKey;
}

/**
 * The source of one item, checked and hashed: it must exist and stay inside its dataset folder (the
 * folder itself may be a link to another disk). Hashed unless the cache vouches for its stat key.
 */
export async function hashItemSource(planned: PlannedItem, ctx: ItemContext): Promise<HashedSource> {
  const { item } = planned;
  const file = sourceFileOf(ctx.dataRoot, item);
  if (!planned.source) throw new InputError('source-missing', item.source, 'source file is missing');
  if (await resolvesOutside(file, await ctx.realDir(datasetDirectory(ctx.dataRoot, item.dataset)))) {
    throw new InputError('symlink-escape', item.source, 'source resolves outside its dataset folder');
  }
  if (planned.source.cachedSha256) {
    return { sha256: planned.source.cachedSha256, size: planned.source.size, key: planned.source.key };
  }
  const source = await ctx.hashPool.hash(file);
  ctx.sourceCache.set(sourceCacheKey(item), source.key, source.sha256);
  return source;
}
