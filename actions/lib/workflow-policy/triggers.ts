import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { entriesOf, itemsOf, nodeAt, stringOf } from './yaml-file.js';

/** One event a workflow listens to, with its filter and where it is written. */
export interface Trigger {
  event: string;
  node: Node;
  config: Node | undefined;
}

/**
 * Events a fork's author, an issue commenter, or anyone on the internet can cause, or that run
 * with a privileged token in the base repository's context on their behalf.
 */
export const UNTRUSTED_EVENTS = new Set([
  'pull_request',
  'pull_request_target',
  'pull_request_review',
  'pull_request_review_comment',
  'issue_comment',
  'issues',
  'discussion',
  'discussion_comment',
  'workflow_run',
  'merge_group',
  'fork',
  'watch',
  'gollum',
  'check_run',
  'check_suite',
  'status',
]);

/** Events that run in the base repository's context with its secrets, whoever caused them. */
export const PRIVILEGED_UNTRUSTED_EVENTS = new Set([
  'pull_request_target',
  'workflow_run',
  'issue_comment',
  'issues',
  'discussion',
  'discussion_comment',
  'pull_request_review',
  'pull_request_review_comment',
]);

/** Events that only ever run on the default branch, or where the default branch is chosen by a writer. */
export const DEFAULT_BRANCH_EVENTS = new Set(['schedule']);

/** The events of a workflow's `on:` (a name, a list, or a map of filters). */
export function triggersOf(workflow: unknown): Trigger[] {
  const on = nodeAt(workflow, 'on');
  if (on === undefined) return [];
  if (isScalar(on)) {
    const event = stringOf(on);
    return event ? [{ event, node: on, config: undefined }] : [];
  }
  if (isSeq(on)) {
    return itemsOf(on).flatMap((n) => {
      const event = stringOf(n);
      return event ? [{ event, node: n, config: undefined }] : [];
    });
  }
  return entriesOf(on).map(([event, config, key]) => ({ event, node: key, config }));
}

/**
 * True when a `push` trigger only fires for the listed default branches (a `branches:` filter of exact
 * names, no wildcards, no `branches-ignore`, no tags).
 */
export function pushOnlyToDefaultBranch(trigger: Trigger, defaultBranches: readonly string[]): boolean {
  if (trigger.event !== 'push' || !isMap(trigger.config)) return false;
  if (nodeAt(trigger.config, 'branches-ignore') || nodeAt(trigger.config, 'tags')) return false;
  const branches = itemsOf(nodeAt(trigger.config, 'branches')).map(stringOf);
  return branches.length > 0 && branches.every((b) => b !== undefined && defaultBranches.includes(b));
}
