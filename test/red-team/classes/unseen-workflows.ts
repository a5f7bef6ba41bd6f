/** Workflow attempts by an adversary who had not seen the other classes (filled in by the workflow probe). */
import type { Attempt } from '../attempt.js';

export function unseenWorkflowAttempts(): Attempt[] {
  return [];
}
