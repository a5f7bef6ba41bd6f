import { messageOf } from '../errors.js';
import type { LoadedFile } from '../repository/load-json-file.js';
import type { DatasetManifest } from '../schema/dataset-manifest.js';
import type { LockEntry } from '../schema/lock.js';
import {
  compileLayout,
  fallbackLayout,
  type LayoutMatcher,
  type PathVerdict,
  SAFE_NAME,
} from './layout-path.js';

/** The layout of every dataset a repository has a manifest for, compiled once, by dataset id. */
export interface DatasetLayouts {
  /** Whether `path` (relative to the dataset's folder) follows the dataset's layout. */
  check(dataset: string, path: string): PathVerdict;
  /** Whether a selection glob can only select paths of the layout (see LayoutMatcher.checkGlob). */
  checkGlob(dataset: string, glob: string): PathVerdict;
  /** False for a dataset with no manifest: its paths are held only to plain ASCII names. */
  hasManifest(dataset: string): boolean;
}

/**
 * Compiles the layouts of `manifests`. A manifest whose patterns do not compile lets no path through
 * (fail closed); a dataset with no manifest gets the plain-name fallback, and validate reports it.
 */
export function datasetLayouts(manifests: readonly LoadedFile<DatasetManifest>[] = []): DatasetLayouts {
  const compiled = new Map<string, LayoutMatcher | { error: string }>();
  for (const m of manifests) {
    if (!m.value || compiled.has(m.value.id)) continue;
    try {
      compiled.set(m.value.id, compileLayout(m.value));
    } catch (error) {
      compiled.set(m.value.id, { error: messageOf(error) });
    }
  }
  const fallbacks = new Map<string, LayoutMatcher>();
  const matcher = (dataset: string): LayoutMatcher | { error: string } => {
    const found = compiled.get(dataset);
    if (found) return found;
    const known = fallbacks.get(dataset);
    if (known) return known;
    const fallback = fallbackLayout(dataset);
    fallbacks.set(dataset, fallback);
    return fallback;
  };
  const broken = (dataset: string): PathVerdict => ({
    ok: false,
    reason: `dataset ${dataset}'s layout or patient_id_pattern is not a valid regular expression, so no path can follow it`,
  });
  return {
    check(dataset, path) {
      const m = matcher(dataset);
      return 'error' in m ? broken(dataset) : m.check(path);
    },
    checkGlob(dataset, glob) {
      const m = matcher(dataset);
      return 'error' in m ? broken(dataset) : m.checkGlob(glob);
    },
    hasManifest: (dataset) => compiled.has(dataset),
  };
}

/** `<output_dir>/<source path>.png` with an output_dir of plain names: how a selection names outputs. */
export function derivedOutput(output: string, source: string): boolean {
  const suffix = `/${source}.png`;
  return (
    output.endsWith(suffix) &&
    output
      .slice(0, -suffix.length)
      .split('/')
      .every((s) => SAFE_NAME.test(s))
  );
}

/**
 * Whether a lock entry's paths may be printed: its source follows the layout, and its output is either
 * made from that source path (`<dir>/<source>.png`) or made of plain ASCII names.
 */
export function printableEntry(layouts: DatasetLayouts, dataset: string, entry: LockEntry): boolean {
  if (!layouts.check(dataset, entry.source.path).ok) return false;
  return (
    derivedOutput(entry.output, entry.source.path) || entry.output.split('/').every((s) => SAFE_NAME.test(s))
  );
}
