import { renderSource } from '../render/render-source.js';
import type { RenderedImage } from '../render/rendered-image.js';
import type { Recipe } from '../schema/recipe.js';
import { frameSamples } from './frame-samples.js';
import { type HeaderValues, headerTerms } from './header-terms.js';
import { ocrEngine } from './ocr-engine.js';
import { scanFrame, type TextRegion } from './scan-frame.js';
import { summariseScan, type TextScan } from './scan-result.js';

export type ScanKind = 'dicom' | 'video' | 'hdf5' | 'nifti' | 'wsi' | 'image';

export interface ScanFileOptions {
  /** HDF5 only: the image stack's key (default "image"). */
  hdf5Dataset?: string;
  /** Values to compare with, beside those of a DICOM file's own header. */
  header?: HeaderValues;
}

async function framesOf(file: string, kind: ScanKind, options: ScanFileOptions) {
  const recipes: Recipe[] = [];
  let header: HeaderValues = options.header ?? {};
  switch (kind) {
    case 'dicom': {
      const { dicomHeader } = await import('./source-header.js');
      const h = await dicomHeader(file);
      header = { ...h.values, ...header };
      for (const frame of frameSamples(h.frames)) recipes.push({ kind: 'dicom', frame });
      break;
    }
    case 'video': {
      const { countContainerFrames } = await import('../render/video/count-container-frames.js');
      const count = (await countContainerFrames(file))?.frames;
      const frames = count ? frameSamples(count) : [0, 'middle' as const];
      for (const frame of frames) recipes.push({ kind: 'video', frame });
      break;
    }
    case 'hdf5': {
      const dataset = options.hdf5Dataset ?? 'image';
      const { withH5File } = await import('../render/hdf5/open-h5.js');
      const count = await withH5File(
        file,
        (h5) => (h5.get(dataset) as { shape?: number[] } | null)?.shape?.[0],
      );
      for (const index of frameSamples(count)) recipes.push({ kind: 'hdf5', dataset, index });
      break;
    }
    case 'nifti':
      recipes.push({ kind: 'nifti', axis: 'axial', slice: 'middle' });
      break;
    case 'wsi':
      recipes.push({ kind: 'wsi', thumbnail: 1024, level: 0 });
      break;
    case 'image':
      recipes.push({ kind: 'image' });
      break;
  }
  return { recipes, header };
}

/** Scans a rendered image (what regenerate writes) against the source's header values. */
export async function scanImages(images: RenderedImage[], header: HeaderValues = {}): Promise<TextScan> {
  const { info } = await ocrEngine();
  const terms = headerTerms(header);
  const regions: TextRegion[] = [];
  for (const [i, image] of images.entries()) regions.push(...(await scanFrame(image, terms, i)).regions);
  return summariseScan(regions, images.length, info);
}

/**
 * Renders a source the way regenerate would (several frames of a clip or multi-frame file) and scans
 * each frame. A DICOM file's own PatientName, IDs, dates and institution are compared in memory.
 */
export async function scanFile(
  file: string,
  kind: ScanKind,
  options: ScanFileOptions = {},
): Promise<TextScan> {
  const { recipes, header } = await framesOf(file, kind, options);
  const images: RenderedImage[] = [];
  for (const recipe of recipes) images.push(await renderSource(file, recipe));
  return scanImages(images, header);
}
