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
    case 'dicom':
    case 'nifti': {
      const { renderInProcess } = await import('./render-off-thread-kinds.js');
      return renderInProcess(file, recipe, context);
    }
    case 'video': {
      const { renderVideo } = await import('./video/render-video.js');
      return renderVideo(file, recipe, context);
    }
    case 'hdf5': {
      const { renderHdf5 } = await import('./hdf5/render-hdf5.js');
      return renderHdf5(file, recipe);
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
