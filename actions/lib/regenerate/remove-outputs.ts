import { rm } from 'node:fs/promises';
import { isSafeRelativePath } from '../locks/safe-relative-path.js';
import type { PlannedRemoval } from './plan.js';
import { resolveInside } from './work-items.js';

/**
 * Deletes the outputs nothing asks for any more: derived images of licensed data should not linger
 * on a runner. Only the exact path the lock recorded, and only inside the outputs directory.
 */
export async function removeOutputs(outDir: string, removals: readonly PlannedRemoval[]): Promise<void> {
  for (const r of removals) {
    if (isSafeRelativePath(r.entry.output)) await rm(resolveInside(outDir, r.entry.output), { force: true });
  }
}
