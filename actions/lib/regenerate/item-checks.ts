import type { RenderedOutput } from './renderer.js';
import type { WorkItem } from './work-items.js';

/** What a check of one rendered item may look at besides the image. */
export interface ItemCheckContext {
  /** Absolute path of the source file. */
  file: string;
  /** Absolute path of the source's dataset folder (recipe inputs resolve inside it). */
  datasetDir: string;
  signal: AbortSignal;
}

/**
 * A per-item step that runs after the render and before the output is written or its entry built.
 * It refuses the item by throwing an InputError naming the source and the reason (never patient
 * data); the item then fails and keeps its old entry. Add checks to ITEM_CHECKS.
 */
export type ItemCheck = (
  rendered: RenderedOutput,
  item: WorkItem,
  context: ItemCheckContext,
) => void | Promise<void>;

/** The checks every rendered item passes, in order. */
export const ITEM_CHECKS: readonly ItemCheck[] = [];

/** Runs the checks in order; the first to throw fails the item. */
export async function checkItem(
  rendered: RenderedOutput,
  item: WorkItem,
  context: ItemCheckContext,
  checks: readonly ItemCheck[] = ITEM_CHECKS,
): Promise<void> {
  for (const check of checks) {
    await check(rendered, item, context);
    context.signal.throwIfAborted();
  }
}
