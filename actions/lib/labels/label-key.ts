import { globToRegExp } from '../regenerate/glob.js';
import type { LabelFile, LabelKey } from '../schema/dataset-manifest.js';
import type { Recipe } from '../schema/recipe.js';

/** What a source is: its path in the dataset folder and the recipe that reads it. */
export interface SourceRef {
  path: string;
  recipe: Recipe;
}

/**
 * The key a source's label row must carry, derived from the source alone (no data): the path, a path
 * prefix, the file stem, the value the recipe selects, or one folder. Undefined when it cannot be
 * derived (a recipe that selects by another key, a path too short).
 */
export function labelKeyOf(key: LabelKey, source: SourceRef): string | undefined {
  switch (key.from) {
    case 'path':
      return source.path;
  }
  const parts = source.path.split('/');
  switch (key.from) {
    case 'path-prefix':
      if (parts.length <= key.segments) return undefined;
      return parts.slice(0, key.segments).join('/') + (key.trailing_slash ? '/' : '');
    case 'file-stem': {
      const name = parts[parts.length - 1]!;
      const dot = name.lastIndexOf('.');
      return dot > 0 ? name.slice(0, dot) : name;
    }
    case 'recipe-value': {
      const r = source.recipe;
      return r.kind === 'hdf5' && r.select?.key === key.key ? String(r.select.value) : undefined;
    }
    case 'path-segment':
      return parts.length > key.segment ? parts[key.segment - 1] : undefined;
  }
}

const globs = new Map<string, RegExp>();

/** Whether a label file labels this source path (its `applies_to` globs, as selections' globs; none: every source). */
export function labelFileApplies(spec: LabelFile, sourcePath: string): boolean {
  if (!spec.applies_to) return true;
  return spec.applies_to.some((g) => {
    const re = globs.get(g) ?? globToRegExp(g);
    globs.set(g, re);
    return re.test(sourcePath);
  });
}
