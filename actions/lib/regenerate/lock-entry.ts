import type { LockEntry } from '../schema/lock.js';
import type { RenderedOutput } from './renderer.js';
import { safeResolved } from './safe-resolved.js';
import type { WorkItem } from './work-items.js';

/** The lock entry of one rendered item: its source, recipe, output hashes and image shape. */
export function lockEntryOf(
  item: WorkItem,
  source: { sha256: string; size: number },
  rendered: RenderedOutput,
  outputSha256: string,
): LockEntry {
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
    ...(item.labels ? { labels: item.labels } : {}),
  };
  if (rendered.burnedInAnnotation !== undefined) entry.burned_in_annotation = rendered.burnedInAnnotation;
  return entry;
}
