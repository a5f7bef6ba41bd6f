import type { RenderedPng } from '../render/rendered-png.js';
import type { Recipe } from '../schema/recipe.js';

/** What the regenerate step needs from one render: the PNG bytes and what the lock records. */
export type RenderedOutput = RenderedPng;

/** Context a render gets: where the source sits, a signal that aborts it, its time limit. */
export interface RenderContext {
  dataRoot: string;
  sourcePath: string;
  signal: AbortSignal;
  timeoutMs?: number;
}

/**
 * Turns a source into an output. The real one wraps renderSource + encodePng; tests pass a small one.
 * `tools` names the versions of what renders (sharp, libvips, ffmpeg); it is asked only when a lock
 * is about to change, so a run with nothing to do spawns nothing.
 */
export interface Renderer {
  render(file: string, recipe: Recipe, context: RenderContext): Promise<RenderedOutput>;
  tools(): Promise<Record<string, string>>;
  /** Releases what the renderer holds (worker threads); called once when a run ends. */
  close?(): Promise<void>;
}
