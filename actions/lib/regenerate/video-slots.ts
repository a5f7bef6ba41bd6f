import { groupableVideoFrame, VIDEO_GROUP } from '../render/video/render-videos.js';
import type { Recipe } from '../schema/recipe.js';

/**
 * Splits work into two runs: everything else with `jobs` slots, then the clips wanted at their
 * middle or an indexed frame with VIDEO_GROUP × `jobs` slots. The renderer decodes such clips
 * several per ffmpeg process (VideoGroupQueue) but can only group what is in flight at once.
 */
export function videoSlotStages<T>(
  items: readonly T[],
  recipeOf: (item: T) => Recipe | undefined,
  jobs: number,
): { items: T[]; concurrency: number }[] {
  const groupable = (item: T) => {
    const recipe = recipeOf(item);
    return recipe !== undefined && groupableVideoFrame(recipe) !== undefined;
  };
  return [
    { items: items.filter((i) => !groupable(i)), concurrency: jobs },
    { items: items.filter(groupable), concurrency: jobs * VIDEO_GROUP },
  ];
}
