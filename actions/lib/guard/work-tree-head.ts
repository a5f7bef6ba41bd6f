import type { Finding } from '../findings/finding.js';
import { runGit } from '../tools/run-git.js';

/**
 * Workflows, output folders and label fields are read from the work tree, so the work tree must be the
 * pull request: its head, or the merge commit GitHub makes of it (refs/pull/N/merge). Anything else
 * (a later checkout that replaced the tree, say through a tracked link at the second checkout's path)
 * would have the guard judge other files than the ones that merge.
 */
export async function workTreeHeadFindings(root: string, head: string): Promise<Finding[]> {
  const [commit, ...parents] = (await runGit(root, ['rev-list', '--parents', '-n', '1', 'HEAD']))
    .trim()
    .split(' ');
  if (commit === head || (parents.length > 1 && parents.includes(head))) return [];
  return [
    {
      rule: 'guard/work-tree',
      severity: 'error',
      file: '.',
      message:
        'the checkout is neither the pull request head nor a merge of it: workflows, folders and labels are read from the work tree, so it must be what merges; check out the pull request at the repository path and nothing over it',
    },
  ];
}
