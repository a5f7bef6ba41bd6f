/**
 * The situations a workflow can run in, each with the `github` context GitHub builds for it: which
 * ref, which payload (a schedule's payload has no `repository`), and which values the person who
 * caused the event writes (UNKNOWN). A job condition is evaluated against each of them.
 */
import { type CtxValue, OtherThan, openContext, UNKNOWN } from './expression-eval.js';

/**
 * trusted: code already on the default branch, started by the schedule or a writer.
 * unreviewed: code on another branch or tag (a writer's, not reviewed).
 * untrusted: a fork's author, a commenter or anyone on the internet causes it.
 */
export type Trust = 'trusted' | 'unreviewed' | 'untrusted';

export interface Scenario {
  /** Stable id: event plus variant, e.g. `pull_request/fork`. */
  id: string;
  /** Event name as the `github.event_name` context holds it (lowercase). */
  event: string;
  trust: Trust;
  /** Runs with the base repository's write token and secrets whoever caused it. */
  privileged: boolean;
  /** Short words for messages: "a pull request from a fork". */
  label: string;
  github: { [key: string]: CtxValue };
}

/** Events whose payload a fork's author or any commenter writes. */
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
  'branch_protection_rule',
]);

/** Events that run in the base repository's context, with its secrets, whoever caused them. */
export const PRIVILEGED_EVENTS = new Set([
  'pull_request_target',
  'workflow_run',
  'issue_comment',
  'issues',
  'discussion',
  'discussion_comment',
  'pull_request_review',
  'pull_request_review_comment',
  'fork',
  'watch',
  'gollum',
  'check_run',
  'check_suite',
  'status',
]);

/** The repository's name is not known to the policy: a condition on it must not decide anything. */
const REPOSITORY_NAME: CtxValue = UNKNOWN;

function repository(defaultBranch: string): CtxValue {
  return {
    default_branch: defaultBranch,
    full_name: REPOSITORY_NAME,
    name: UNKNOWN,
    fork: false,
    private: UNKNOWN,
    owner: UNKNOWN,
    description: UNKNOWN,
  };
}

/**
 * Keys that only some events' payloads carry. Payloads are open (what a scenario does not list is
 * unknown), so each event says null for those it never carries: `if: github.event.schedule` stays
 * false on a pull request, as on GitHub.
 */
const EVENT_KEYS = [
  'schedule',
  'inputs',
  'workflow_run',
  'pull_request',
  'issue',
  'comment',
  'review',
  'release',
  'client_payload',
  'merge_group',
  'discussion',
  'check_run',
  'check_suite',
  'deployment',
];

function withAbsentKeys(event: string, payload: CtxValue): CtxValue {
  if (event === 'schedule' || event === 'workflow_call' || payload === null || typeof payload !== 'object')
    return payload;
  if (Array.isArray(payload) || payload instanceof OtherThan) return payload;
  const carried = (key: string) =>
    event.startsWith(key) ||
    (key === 'client_payload' && event === 'repository_dispatch') ||
    (key === 'deployment' && event.startsWith('deployment'));
  return {
    ...Object.fromEntries(EVENT_KEYS.filter((k) => !carried(k)).map((k) => [k, null])),
    ...payload,
  };
}

function github(
  event: string,
  ref: CtxValue,
  payload: CtxValue,
  extra: { [key: string]: CtxValue } = {},
): { [key: string]: CtxValue } {
  const refName =
    typeof ref === 'string'
      ? ref.replace(/^refs\/(?:heads|tags)\//, '')
      : ref instanceof OtherThan
        ? new OtherThan(ref.except.map((r) => r.replace(/^refs\/heads\//, '')))
        : UNKNOWN;
  return {
    event_name: event,
    event: withAbsentKeys(event, payload),
    ref,
    ref_name: refName,
    ref_type:
      typeof ref === 'string'
        ? ref.startsWith('refs/tags/')
          ? 'tag'
          : 'branch'
        : ref instanceof OtherThan
          ? 'branch'
          : UNKNOWN,
    ref_protected: UNKNOWN,
    head_ref: '',
    base_ref: '',
    sha: UNKNOWN,
    repository: REPOSITORY_NAME,
    repository_owner: UNKNOWN,
    repositoryurl: UNKNOWN,
    actor: UNKNOWN,
    triggering_actor: UNKNOWN,
    workflow: UNKNOWN,
    workflow_ref: UNKNOWN,
    job: UNKNOWN,
    run_id: UNKNOWN,
    run_number: UNKNOWN,
    run_attempt: UNKNOWN,
    server_url: 'https://github.com',
    api_url: 'https://api.github.com',
    token: UNKNOWN,
    ...extra,
  };
}

function pullRequest(fork: boolean, defaultBranch: string): CtxValue {
  return {
    title: UNKNOWN,
    body: UNKNOWN,
    number: UNKNOWN,
    draft: UNKNOWN,
    merged: UNKNOWN,
    state: UNKNOWN,
    labels: UNKNOWN,
    user: UNKNOWN,
    author_association: UNKNOWN,
    head: {
      ref: UNKNOWN,
      sha: UNKNOWN,
      label: UNKNOWN,
      user: UNKNOWN,
      repo: fork ? UNKNOWN : { ...(repository(defaultBranch) as object), fork: false },
    },
    // A pull request's author picks its base branch.
    base: { ref: UNKNOWN, sha: UNKNOWN, repo: repository(defaultBranch) },
  };
}

/** One scenario for each way `event` can start a run, before any filter. */
export function scenariosFor(event: string, defaultBranch: string): Scenario[] {
  const main = `refs/heads/${defaultBranch}`;
  const repo = repository(defaultBranch);
  const sender: CtxValue = UNKNOWN;
  const make = (
    id: string,
    trust: Trust,
    label: string,
    ctx: { [key: string]: CtxValue },
    privileged = PRIVILEGED_EVENTS.has(event),
  ): Scenario => ({ id: `${event}/${id}`, event, trust, privileged, label, github: ctx });
  // Other refs, including a prefix of the default branch and one it prefixes: a condition written
  // with contains()/startsWith() on github.ref must refuse them too (`mai`, `main-x`).
  // Another branch is any branch but the default one; a tag, a prefix of the default branch's name
  // and a name it prefixes are tried as well (contains()/startsWith() tests on github.ref).
  const otherRefs: CtxValue[] = [
    new OtherThan([main]),
    'refs/tags/v1',
    `refs/heads/${defaultBranch.slice(0, -1) || 'x'}`,
    `${main}-x`,
  ];
  const refLabel = (ref: CtxValue) => (typeof ref === 'string' ? ref : 'another branch');
  const refId = (ref: CtxValue) => (typeof ref === 'string' ? ref : 'refs/heads/*');
  switch (event) {
    case 'schedule':
      // The payload of a scheduled run holds the cron line and nothing else: no `repository`.
      return [make('default', 'trusted', 'schedule', github(event, main, SCHEDULE_PAYLOAD))];
    case 'workflow_dispatch': {
      const payload = (ref: CtxValue): CtxValue => ({
        ref,
        inputs: UNKNOWN,
        repository: repo,
        sender,
        workflow: UNKNOWN,
      });
      return [
        make(
          'default',
          'trusted',
          'workflow_dispatch from the default branch',
          github(event, main, payload(main)),
        ),
        ...otherRefs.map((ref) =>
          make(
            refId(ref),
            'unreviewed',
            `workflow_dispatch from ${refLabel(ref)}`,
            github(event, ref, payload(ref)),
          ),
        ),
      ];
    }
    case 'push': {
      const payload = (ref: CtxValue): CtxValue => ({
        ref,
        before: UNKNOWN,
        after: UNKNOWN,
        commits: UNKNOWN,
        head_commit: UNKNOWN,
        pusher: UNKNOWN,
        repository: repo,
        sender,
        created: UNKNOWN,
        deleted: UNKNOWN,
        forced: UNKNOWN,
      });
      return [
        make('default', 'trusted', 'push to the default branch', github(event, main, payload(main))),
        ...otherRefs.map((ref) =>
          make(refId(ref), 'unreviewed', `push to ${refLabel(ref)}`, github(event, ref, payload(ref))),
        ),
      ];
    }
    case 'pull_request':
    case 'pull_request_target':
    case 'pull_request_review':
    case 'pull_request_review_comment': {
      // pull_request_target runs on the base branch; the others on the merge ref.
      const ref: CtxValue = event === 'pull_request_target' ? main : new OtherThan([main]);
      return [true, false].map((fork) =>
        make(
          fork ? 'fork' : 'same-repository',
          'untrusted',
          `${event} from ${fork ? 'a fork' : 'a branch of this repository'}`,
          github(
            event,
            ref,
            {
              action: UNKNOWN,
              number: UNKNOWN,
              pull_request: pullRequest(fork, defaultBranch),
              review: UNKNOWN,
              comment: UNKNOWN,
              label: UNKNOWN,
              repository: repo,
              sender,
            },
            { head_ref: UNKNOWN, base_ref: UNKNOWN, actor: UNKNOWN },
          ),
        ),
      );
    }
    case 'workflow_run':
      return [
        make(
          'default',
          'untrusted',
          'workflow_run (after a pull request from a fork)',
          github(event, main, {
            action: UNKNOWN,
            workflow_run: UNKNOWN,
            workflow: UNKNOWN,
            repository: repo,
            sender,
          }),
        ),
      ];
    case 'issue_comment':
    case 'issues':
    case 'discussion':
    case 'discussion_comment':
      return [
        make(
          'default',
          'untrusted',
          event,
          github(event, main, {
            action: UNKNOWN,
            comment: UNKNOWN,
            issue: UNKNOWN,
            discussion: UNKNOWN,
            label: UNKNOWN,
            repository: repo,
            sender,
          }),
        ),
      ];
    case 'workflow_call':
      // Called from another repository (or nowhere here): nothing about the caller is known.
      return [
        make(
          'unknown',
          'unreviewed',
          'workflow_call from an unknown caller',
          github(event, UNKNOWN, UNKNOWN, { event_name: UNKNOWN }),
        ),
      ];
    default:
      if (UNTRUSTED_EVENTS.has(event)) {
        return [
          make(
            'default',
            'untrusted',
            event,
            github(event, UNKNOWN, { repository: repo, sender, action: UNKNOWN }),
          ),
        ];
      }
      // Events only writers cause (release, repository_dispatch, …) but on any ref.
      return [
        make(
          'any',
          'unreviewed',
          event,
          github(event, UNKNOWN, { repository: repo, sender, action: UNKNOWN }),
        ),
      ];
  }
}

/** The payload of a scheduled run: the cron line and nothing else (closed: no `repository`). */
const SCHEDULE_PAYLOAD: CtxValue = { schedule: '0 0 * * *' };

/** The contexts every job condition sees besides `github`: all decided at run time. */
export function evaluationContext(scenario: Scenario): { [key: string]: CtxValue } {
  return {
    // Payloads and `github` hold more than the scenario lists: what it does not list is unknown.
    github: openContext(scenario.github, new Set([SCHEDULE_PAYLOAD as object])),
    inputs: UNKNOWN,
    vars: UNKNOWN,
    env: UNKNOWN,
    needs: UNKNOWN,
    steps: UNKNOWN,
    matrix: UNKNOWN,
    strategy: UNKNOWN,
    job: UNKNOWN,
    jobs: UNKNOWN,
    runner: UNKNOWN,
    secrets: UNKNOWN,
  };
}
