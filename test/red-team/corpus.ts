/** Every red-team attempt, by class (one file per class under classes/). */
import type { Attempt } from './attempt.js';
import { archiveAttempts } from './classes/archives.js';
import { disguisedAttempts } from './classes/disguised.js';
import { encodedAttempts } from './classes/encoded.js';
import { historyAttempts } from './classes/history.js';
import { pathAttempts } from './classes/paths.js';
import { linkAttempts, pointerAttempts } from './classes/pointers.js';
import { resourceAttempts } from './classes/resources.js';
import { trustAttempts } from './classes/trust.js';
import { unseenAttempts } from './classes/unseen.js';
import { unseenWorkflowAttempts } from './classes/unseen-workflows.js';
import { workflowAttempts } from './classes/workflows.js';

export function redTeamCorpus(): Attempt[] {
  const all = [
    ...disguisedAttempts(),
    ...historyAttempts(),
    ...trustAttempts(),
    ...encodedAttempts(),
    ...archiveAttempts(),
    ...pointerAttempts(),
    ...linkAttempts(),
    ...workflowAttempts(),
    ...pathAttempts(),
    ...resourceAttempts(),
    ...unseenAttempts(),
    ...unseenWorkflowAttempts(),
  ];
  const ids = new Set<string>();
  for (const a of all) {
    if (ids.has(a.id)) throw new Error(`duplicate attempt id ${a.id}`);
    ids.add(a.id);
  }
  return all;
}
