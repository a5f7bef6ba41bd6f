import type { Recipe } from '../schema/recipe.js';
import type { RenderContext } from './render-context.js';
import type { RenderedImage } from './rendered-image.js';

export type { RenderContext } from './render-context.js';

/**
 * Renders one source file to 8-bit pixels by its recipe's kind. Each kind's module (and its native
 * or WebAssembly dependency: sharp, h5wasm, the DICOM codecs) is loaded on first use only.
 * Bad input throws InputError with a stable code; a bad recipe for the file throws UsageError.
 */
export async function renderSource(
  file: string,
  recipe: Recipe,
  context: RenderContext = {},
): Promise<RenderedImage> {
  switch (recipe.kind) {
    case 'dicom': {
      const { renderDicom } = await import('../dicom/render-dicom.js');
      return renderDicom(file, {
        frame: recipe.frame,
        ...(recipe.window ? { window: recipe.window } : {}),
        ...(recipe.preset ? { preset: recipe.preset } : {}),
      });
    }
    case 'video': {
      const { renderVideo } = await import('./video/render-video.js');
      return renderVideo(file, recipe, context);
    }
    case 'hdf5': {
      const { renderHdf5 } = await import('./hdf5/render-hdf5.js');
      return renderHdf5(file, recipe);
    }
    case 'nifti': {
      const { renderNifti } = await import('./nifti/render-nifti.js');
      return renderNifti(file, recipe, context.dataRoot ? { dataRoot: context.dataRoot } : {});
    }
    case 'wsi': {
      const { renderWsi } = await import('./wsi/render-wsi.js');
      return renderWsi(file, recipe);
    }
    case 'image': {
      const { renderImage } = await import('./image/render-image.js');
      return renderImage(file, recipe);
    }
  }
}
