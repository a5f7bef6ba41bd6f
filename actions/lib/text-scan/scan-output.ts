import { InputError } from '../errors.js';
import { encodeRendered, type RenderedPng } from '../render/rendered-png.js';
import type { TextScanRecord } from '../schema/lock.js';
import type { Recipe } from '../schema/recipe.js';
import { decodePng } from './decode-png.js';
import type { HeaderValues } from './header-terms.js';
import { redactRegions } from './redact-regions.js';
import type { TextScanContext } from './scan-context.js';
import { scanImages } from './scan-file.js';
import type { TextScan } from './scan-result.js';

/** The item regenerate is writing, as far as the scan needs it. */
export interface ScannedItem {
  dataset: string;
  output: string;
  recipe: Recipe;
}

function record(scan: TextScan, extra: Partial<TextScanRecord> = {}): TextScanRecord {
  return {
    engine: scan.engine.engine,
    version: scan.engine.version,
    model: scan.engine.model,
    frames: scan.frames,
    text_regions: scan.text_regions,
    identifying_regions: scan.identifying_regions,
    categories: scan.categories,
    ...extra,
  };
}

async function headerOf(file: string, recipe: Recipe): Promise<HeaderValues> {
  if (recipe.kind !== 'dicom') return {};
  const { dicomHeader } = await import('./source-header.js');
  return (await dicomHeader(file)).values;
}

/**
 * Scans an output before it is written. Identifying text fails the item (the output is never written)
 * unless the recipe asks for redaction (regions filled, scanned again: `replace` carries the new PNG)
 * or policy lists this output as reviewed with these exact pixels. Undefined when the dataset is exempt.
 * Messages name the output and the categories, never the text.
 */
export async function scanOutput(
  rendered: RenderedPng,
  item: ScannedItem,
  sourceFile: string,
  ctx: TextScanContext,
): Promise<{ record: TextScanRecord; replace?: RenderedPng } | undefined> {
  if (ctx.exempt.has(item.dataset)) return undefined;
  const header = await headerOf(sourceFile, item.recipe);
  const image = await decodePng(rendered.png);
  const scan = await scanImages([image], header);
  if (!scan.identifying) return { record: record(scan) };
  if (item.recipe.redact === 'text') {
    const boxes = scan.regions.filter((r) => r.identifying).map((r) => r.box);
    const redacted = redactRegions(image, boxes);
    const again = await scanImages([redacted], header);
    if (again.identifying) {
      throw new InputError(
        'text/identifying-after-redaction',
        item.output,
        `still shows identifying burned-in text after redaction (${again.categories.join(', ')})`,
      );
    }
    const replace = await encodeRendered({ ...redacted, resolved: rendered.resolved });
    return { record: record(again, { redacted_regions: boxes.length }), replace };
  }
  if (ctx.reviewed.get(item.output) === rendered.pixelsSha256)
    return { record: record(scan, { reviewed: true }) };
  const categories = scan.categories.filter((c) =>
    scan.regions.some((r) => r.identifying && r.categories.includes(c)),
  );
  throw new InputError(
    'text/identifying',
    item.output,
    `shows identifying burned-in text (${categories.join(', ')}); set the recipe's redact: "text", or review it (clinical-manifests review-images) and list it in policy reviewed_burned_in_text`,
  );
}
