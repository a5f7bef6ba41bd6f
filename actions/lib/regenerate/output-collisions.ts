import { InputError } from '../errors.js';
import { foldedCollisions } from '../fs/folded-names.js';
import type { WorkItem } from './work-items.js';

/**
 * Refuses a run, before anything is written, when two outputs it would make differ only by case or
 * Unicode normalisation: on macOS or Windows the second would overwrite the first and two entries
 * would lock one file. (Locked outputs are checked by validate: a rename from one case to another
 * must stay possible here.)
 */
export function assertNoFoldedCollisions(items: readonly WorkItem[]): void {
  const [first] = foldedCollisions(items.map((item) => ({ name: item.output, item: item.origin })));
  if (first) {
    throw new InputError(
      'output-collision',
      first.item,
      `output "${first.name}" differs from "${first.earlierName}" (${first.earlier}) only by case or Unicode normalisation; rename one`,
    );
  }
}
