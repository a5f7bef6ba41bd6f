import { JsonDocument } from '../json/json-document.js';
import { LAYOUT } from '../repository/repository-layout.js';
import { Policy } from '../schema/policy.js';
import { runGit } from '../tools/run-git.js';

/** The policy as committed at one revision: its value when it parses, and its text for locating. */
export interface PolicyAt {
  value?: Policy;
  doc?: JsonDocument;
  /** Why there is no value: absent, not JSON, or not a policy. */
  problem?: string;
}

/**
 * Reads manifests/policy.json from the object store at `commit` (the pull request's base), never from
 * the work tree: the pull request must not be able to allow its own files or move the data folder.
 */
export async function policyAt(root: string, commit: string): Promise<PolicyAt> {
  let text: string;
  try {
    text = await runGit(root, ['cat-file', 'blob', `${commit}:${LAYOUT.policyFile}`]);
  } catch {
    return { problem: 'absent' };
  }
  const parsed = JsonDocument.parse(LAYOUT.policyFile, text);
  if ('problem' in parsed) return { problem: 'not valid JSON' };
  const result = Policy.safeParse(parsed.doc.value);
  if (!result.success) return { doc: parsed.doc, problem: 'not a valid policy' };
  return { value: result.data, doc: parsed.doc };
}
