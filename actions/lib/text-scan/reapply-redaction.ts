import type { RenderedPng } from '../render/rendered-png.js';
import type { LockEntry } from '../schema/lock.js';
import type { Recipe } from '../schema/recipe.js';
import { scanOutput } from './scan-output.js';

/**
 * verify renders a source again; an entry whose output was redacted (recipe redact: "text") is
 * compared after the same scan and fill, so its locked pixels are those of the redacted image.
 */
export async function reapplyRedaction(
  rendered: RenderedPng,
  entry: LockEntry,
  dataset: string,
  recipe: Recipe,
  sourceFile: string,
): Promise<void> {
  if (!entry.text_scan?.redacted_regions || recipe.redact !== 'text') return;
  const scan = await scanOutput(rendered, { dataset, output: entry.output, recipe }, sourceFile, {
    exempt: new Set(),
    reviewed: new Map(),
  });
  if (scan?.replace)
    Object.assign(rendered, { png: scan.replace.png, pixelsSha256: scan.replace.pixelsSha256 });
}
