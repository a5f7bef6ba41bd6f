import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { datasetDirectory } from '../datasets/dataset-directory.js';
import { staysInside } from '../fs/real-paths.js';
import { canonicalJson } from '../locks/canonical-json.js';
import { isSafeRelativePath } from '../locks/safe-relative-path.js';
import type { Recipe } from '../schema/recipe.js';
import { type HashCache, statFile } from './hash-cache.js';
import { sourceCacheKey, sourceFileOf, type WorkItem } from './work-items.js';

/**
 * Files besides the source that a recipe's output depends on, relative to the dataset folder: the
 * EchoNet tracings that name an end-diastole frame, a NIfTI label volume that picks the largest
 * segmentation slice (relative to the source's folder, as the renderer reads it). When one of them
 * changes the output may change, so their hashes take part in the recipe's hash.
 */
export function recipeInputs(recipe: Recipe, source: string): string[] {
  if (recipe.kind === 'video' && typeof recipe.frame === 'object' && 'annotation' in recipe.frame) {
    return ['EchoNet-Dynamic/VolumeTracings.csv'];
  }
  if (recipe.kind === 'nifti' && recipe.slice === 'largest-segmentation' && recipe.segmentation) {
    const joined = path.posix.normalize(path.posix.join(path.posix.dirname(source), recipe.segmentation));
    return isSafeRelativePath(joined) ? [joined] : [];
  }
  return [];
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Folds the hashes of each item's recipe inputs into its recipe hash, and records them in
 * `item.inputs` (path → sha256, or `missing`). Each distinct input is stat'ed once; it is read only
 * when the cache (by stat key) has no hash for it, so a run with nothing changed reads nothing.
 * Returns the absolute paths of the inputs per dataset, for the no-op snapshots.
 */
export async function resolveRecipeInputs(
  items: WorkItem[],
  dataRoot: string,
  cache: HashCache,
): Promise<Map<string, string[]>> {
  const known = new Map<string, string>();
  const files = new Map<string, string[]>();
  for (const item of items) {
    const inputs = recipeInputs(item.recipe, item.source);
    if (inputs.length === 0) continue;
    const hashes: Record<string, string> = {};
    for (const input of inputs) {
      // Inputs live in the dataset folder and share the sources' cache, keyed like sources.
      const source = { dataset: item.dataset, source: input };
      const key = sourceCacheKey(source);
      let sha = known.get(key);
      if (sha === undefined) {
        const file = sourceFileOf(dataRoot, source);
        files.set(item.dataset, [...(files.get(item.dataset) ?? []), file]);
        // An input linked out of its dataset folder is never read; the renderer fails the item.
        const inside = await staysInside(datasetDirectory(dataRoot, item.dataset), file);
        const st = inside ? statFile(file) : undefined;
        sha = !inside
          ? 'outside-dataset'
          : st
            ? (cache.get(key, st.key) ?? (await sha256File(file)))
            : 'missing';
        if (st && inside) cache.set(key, st.key, sha);
        known.set(key, sha);
      }
      hashes[input] = sha;
    }
    item.inputs = hashes;
    item.recipeSha256 = createHash('sha256')
      .update(canonicalJson({ recipe: item.recipe, inputs: hashes }))
      .digest('hex');
  }
  return files;
}
