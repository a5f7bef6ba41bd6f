import { renderDicom } from '../dicom/render-dicom.js';
import type { Recipe } from '../schema/recipe.js';
import { looksLikeJpeg, renderPlainJpeg } from './image/plain-jpeg.js';
import { renderNifti } from './nifti/render-nifti.js';
import type { RenderContext } from './render-context.js';
import type { RenderedImage } from './rendered-image.js';

/** A recipe RenderPool may send to a worker thread. */
export type OffThreadRecipe = Extract<Recipe, { kind: 'dicom' | 'nifti' | 'image' }>;

/**
 * Whether RenderPool may send this source to a worker thread: DICOM, NIfTI, and a JPEG to normalise
 * without resizing (decoded in WebAssembly when plain; the worker declines any other).
 */
export function isOffThreadRecipe(file: string, recipe: Recipe): recipe is OffThreadRecipe {
  if (recipe.kind === 'image') return recipe.max_side === undefined && looksLikeJpeg(file);
  return recipe.kind === 'dicom' || recipe.kind === 'nifti';
}

/** A worker's answer for a JPEG that is not plain: render it on the calling thread, through libvips. */
export class DeclinedOffThread extends Error {
  constructor(readonly file: string) {
    super(`${file}: not a plain JPEG; rendered through libvips instead`);
    this.name = 'DeclinedOffThread';
  }
}

/**
 * The kinds RenderPool sends to worker threads, in a module of their own: the worker bundle imports
 * only this (not sharp, h5wasm or zod), so a thread starts in tens of ms.
 */
export async function renderInProcess(
  file: string,
  recipe: OffThreadRecipe,
  context: RenderContext = {},
): Promise<RenderedImage> {
  if (recipe.kind === 'image') {
    const plain = await renderPlainJpeg(file);
    if (!plain) throw new DeclinedOffThread(file);
    return plain;
  }
  if (recipe.kind === 'dicom') {
    return renderDicom(file, {
      frame: recipe.frame,
      ...(recipe.window ? { window: recipe.window } : {}),
      ...(recipe.preset ? { preset: recipe.preset } : {}),
    });
  }
  return renderNifti(file, recipe, context.dataRoot ? { dataRoot: context.dataRoot } : {});
}
