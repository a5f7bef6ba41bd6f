/** Every red-team attempt, by class (one file per class under classes/). */
import type { Attempt } from './attempt.js';
import { disguisedAttempts } from './classes/disguised.js';

export function redTeamCorpus(): Attempt[] {
  const all = [...disguisedAttempts()];
  const ids = new Set<string>();
  for (const a of all) {
    if (ids.has(a.id)) throw new Error(`duplicate attempt id ${a.id}`);
    ids.add(a.id);
  }
  return all;
}
