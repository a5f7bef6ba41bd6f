import { renderDicom } from '../dicom/render-dicom.js';
import type { Recipe } from '../schema/recipe.js';
import { renderNifti } from './nifti/render-nifti.js';
import type { RenderContext } from './render-context.js';
import type { RenderedImage } from './rendered-image.js';

/** A recipe RenderPool may send to a worker thread. */
export type OffThreadRecipe = Extract<Recipe, { kind: 'dicom' | 'nifti' }>;

/** Whether RenderPool may send this recipe to a worker thread. */
export function isOffThreadRecipe(recipe: Recipe): recipe is OffThreadRecipe {
  return recipe.kind === 'dicom' || recipe.kind === 'nifti';
}

/**
 * The kinds RenderPool sends to worker threads, DICOM and NIfTI, in a module of their own: the
 * worker bundle imports only this (not sharp, h5wasm or zod), so a thread starts in tens of ms.
 */
export function renderInProcess(
  file: string,
  recipe: OffThreadRecipe,
  context: RenderContext = {},
): Promise<RenderedImage> {
  if (recipe.kind === 'dicom') {
    return renderDicom(file, {
      frame: recipe.frame,
      ...(recipe.window ? { window: recipe.window } : {}),
      ...(recipe.preset ? { preset: recipe.preset } : {}),
    });
  }
  return renderNifti(file, recipe, context.dataRoot ? { dataRoot: context.dataRoot } : {});
}
