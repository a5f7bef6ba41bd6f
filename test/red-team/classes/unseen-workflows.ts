/**
 * Workflow changes written by an adversary who had not seen the policy's own corpus (the cases of
 * test/workflow-policy/unseen-cases.ts): each one got a green guard before, and each runs on GitHub
 * the way its `why` says.
 */
import { unseenCases } from '../../workflow-policy/unseen-cases.js';
import type { Attempt } from '../attempt.js';

export function unseenWorkflowAttempts(): Attempt[] {
  return unseenCases().map((c) => ({
    id: `workflow/unseen-${c.id}`,
    cls: 'workflow',
    files: Object.keys(c.files),
    async build(r) {
      for (const [file, text] of Object.entries(c.files)) await r.write(file, text);
      await r.commit(`ci: ${c.id}`);
    },
    // The file reads as YAML and still holds the line that carries the attack.
    proof: `w = wf(${JSON.stringify(c.file)}); assert w.get("jobs") or w.get("runs"); assert ${JSON.stringify(c.marker)} in read(${JSON.stringify(c.file)}).decode()`,
  }));
}
