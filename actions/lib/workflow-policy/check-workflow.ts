import { isMap } from 'yaml';
import type { Finding } from '../findings/finding.js';
import { reachableTriggers, restrictsToDefaultBranch } from './expressions.js';
import { selfHostedRunner } from './runner-labels.js';
import {
  isPlainRepositoryPath,
  pathCovers,
  persistedCredentialCheckouts,
  pullRequestHeadCheckouts,
  stepsOf,
  untrustedExpressionFindings,
  uploadSteps,
} from './step-rules.js';
import {
  DEFAULT_BRANCH_EVENTS,
  PRIVILEGED_UNTRUSTED_EVENTS,
  pushOnlyToDefaultBranch,
  type Trigger,
  UNTRUSTED_EVENTS,
} from './triggers.js';
import { entriesOf, keyNode, nodeAt, positionOf, stringOf, type YamlFile } from './yaml-file.js';

/** What the workflow policy needs to know about the repository. */
export interface WorkflowPolicyContext {
  /** Branch names treated as the default branch (`main`, or the event's default_branch). */
  defaultBranches: readonly string[];
  /** Output and data directories from the policy: never uploaded or cached. */
  protectedDirs: readonly string[];
}

/** A trigger as a job sees it; `via` names the calling workflow when it came through workflow_call. */
export interface EffectiveTrigger extends Trigger {
  via?: string;
}

/**
 * Checks one workflow against the safety model: no pull_request_target, read-only top-level
 * permissions, self-hosted jobs only on schedule/workflow_dispatch from the default branch with
 * credentials not persisted and nothing uploaded, no PR head checked out where secrets are, and no
 * untrusted expression inlined in a script.
 */
export function checkWorkflow(
  yaml: YamlFile,
  triggers: readonly EffectiveTrigger[],
  context: WorkflowPolicyContext,
): Finding[] {
  const findings: Finding[] = [];
  const root = yaml.doc.contents;
  const add = (rule: string, node: unknown, message: string, severity: Finding['severity'] = 'error') =>
    findings.push({ rule, severity, file: yaml.file, ...positionOf(yaml, node), message });

  for (const t of triggers) {
    if (t.event === 'pull_request_target' && !t.via) {
      add(
        'workflow/pull-request-target',
        t.node,
        'pull_request_target runs with a write token and secrets on behalf of forks; use pull_request',
      );
    }
  }
  checkPermissions(root, add);

  const workflowConcurrency = nodeAt(root, 'concurrency') !== undefined;
  for (const [jobId, job] of entriesOf(nodeAt(root, 'jobs'))) {
    if (!isMap(job)) continue;
    const condition = stringOf(nodeAt(job, 'if'));
    const reachable = reachableTriggers(triggers, condition);
    const steps = stepsOf(job);
    const selfHosted = selfHostedRunner(job);
    const via = (t: EffectiveTrigger) => (t.via ? ` (through ${t.via})` : '');
    const calls = stringOf(nodeAt(job, 'uses'));
    const untrusted = reachable.filter((t) => UNTRUSTED_EVENTS.has(t.event)).map((t) => t.event);
    if (calls && !calls.startsWith('./') && untrusted.length > 0) {
      // The called workflow's jobs run on this repository's runners, and the policy cannot read them.
      add(
        'workflow/remote-reusable',
        nodeAt(job, 'uses'),
        `job "${jobId}" calls a reusable workflow from another repository on ${[...new Set(untrusted)].join(', ')}; its jobs run on this repository's runners and the policy cannot see which`,
        'warning',
      );
    }

    if (selfHosted) {
      for (const t of reachable) {
        if (UNTRUSTED_EVENTS.has(t.event)) {
          add(
            'workflow/self-hosted-trigger',
            selfHosted.node,
            `job "${jobId}" ${selfHosted.reason} and is reachable from ${t.event}${via(t)}, which forks and outsiders can trigger; self-hosted jobs run only on schedule or workflow_dispatch from the default branch`,
          );
        } else if (
          DEFAULT_BRANCH_EVENTS.has(t.event) ||
          pushOnlyToDefaultBranch(t, context.defaultBranches)
        ) {
          // Scheduled runs and pushes filtered to the default branch run reviewed code only.
        } else if (!restrictsToDefaultBranch(condition, context.defaultBranches)) {
          add(
            'workflow/self-hosted-branch',
            selfHosted.node,
            `job "${jobId}" ${selfHosted.reason} and runs on ${t.event}${via(t)} from any branch; add \`if: github.ref == format('refs/heads/{0}', github.event.repository.default_branch)\``,
          );
        }
      }
      for (const node of persistedCredentialCheckouts(steps)) {
        add(
          'workflow/persist-credentials',
          node,
          `job "${jobId}" runs on a self-hosted runner: check out with \`persist-credentials: false\` so the token does not stay on the machine`,
        );
      }
      for (const upload of uploadSteps(steps)) {
        if (upload.action.startsWith('actions/cache')) {
          add(
            'workflow/self-hosted-upload',
            upload.node,
            `job "${jobId}" runs on a self-hosted runner next to licensed data: no ${upload.action} step there (pull-request runs can read caches)`,
          );
        } else if (upload.paths.length === 0 || !upload.paths.every(isPlainRepositoryPath)) {
          add(
            'workflow/self-hosted-upload',
            upload.node,
            `job "${jobId}" runs on a self-hosted runner next to licensed data: ${upload.action} may upload only plain paths inside the repository (no expressions, absolute paths, .. or leading globs)`,
          );
        }
      }
      if (!workflowConcurrency && nodeAt(job, 'concurrency') === undefined) {
        add(
          'workflow/concurrency',
          selfHosted.node,
          `job "${jobId}" runs on a self-hosted runner without a concurrency group; two runs could write the same outputs`,
          'warning',
        );
      }
    }

    const privileged = reachable.filter((t) => PRIVILEGED_UNTRUSTED_EVENTS.has(t.event)).map((t) => t.event);
    if (privileged.length > 0 || selfHosted) {
      const where = selfHosted
        ? 'on a self-hosted runner'
        : `on ${[...new Set(privileged)].join(', ')}, with the base repository's token and secrets`;
      for (const node of pullRequestHeadCheckouts(steps)) {
        add(
          'workflow/untrusted-checkout',
          node,
          `job "${jobId}" checks out a pull request's head ${where}: the fork's code would run there`,
        );
      }
    }

    for (const upload of uploadSteps(steps)) {
      const covered = context.protectedDirs.filter((dir) => upload.paths.some((p) => pathCovers(p, dir)));
      if (covered.length > 0) {
        add(
          'workflow/upload-data',
          upload.node,
          `job "${jobId}": ${upload.action} may include ${covered.map((d) => `${d}/`).join(', ')} (output or data directories)`,
        );
      }
    }
    findings.push(...untrustedExpressionFindings(yaml, steps, `job "${jobId}"`));
  }
  return findings;
}

function checkPermissions(root: unknown, add: (rule: string, node: unknown, message: string) => void): void {
  const permissions = nodeAt(root, 'permissions');
  if (permissions === undefined) {
    add(
      'workflow/permissions',
      keyNode(root, 'on') ?? root,
      'no top-level permissions: the token gets the repository default, which may be write-all; add `permissions: contents: read`',
    );
    return;
  }
  const scalar = stringOf(permissions);
  if (scalar !== undefined) {
    if (scalar !== 'read-all')
      add(
        'workflow/permissions',
        permissions,
        `top-level permissions "${scalar}" are not read-only; use \`contents: read\``,
      );
    return;
  }
  for (const [scope, value] of entriesOf(permissions)) {
    const level = stringOf(value);
    if (level !== 'read' && level !== 'none') {
      add(
        'workflow/permissions',
        value ?? permissions,
        `top-level permission ${scope}: ${level ?? '?'} is not read-only; grant write to the one job that needs it`,
      );
    }
  }
}
