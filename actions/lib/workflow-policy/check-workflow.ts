import { isMap, type Node } from 'yaml';
import type { Finding } from '../findings/finding.js';
import { evaluationContext } from './event-scenarios.js';
import { evaluateText } from './expression-eval.js';
import { hiddenUploads } from './hidden-commands.js';
import { selfHostedRunner } from './runner-labels.js';
import { type StepContext, walkSteps } from './step-walk.js';
import { copyScope, isTainted, type TaintScope } from './taint.js';
import type { Reach, WorkflowIndex, WorkflowUnit } from './workflow-index.js';
import { reachingJob } from './workflow-index.js';
import {
  entriesOf,
  itemsOf,
  keyNode,
  mapAt,
  nodeAt,
  positionOf,
  stringOf,
  type YamlFile,
} from './yaml-file.js';

/** What the workflow policy needs to know about the repository. */
export interface WorkflowPolicyContext {
  /** Branch names treated as the default branch (`main`, or the event's default_branch). */
  defaultBranches: readonly string[];
  /** Output and data directories from the policy: never uploaded or cached. */
  protectedDirs: readonly string[];
}

/** The condition the policy recommends for a job on a self-hosted runner. */
export const RECOMMENDED_CONDITION =
  "github.event_name == 'schedule' || github.ref == format('refs/heads/{0}', github.event.repository.default_branch)";

const SHA_PIN = /@[0-9a-f]{40}$/;

type Add = (rule: string, node: unknown, message: string, severity?: Finding['severity']) => void;

function events(reach: readonly Reach[]): string {
  const names = [
    ...new Set(reach.map((r) => (r.via ? `${r.scenario.label} (through ${r.via})` : r.scenario.label))),
  ];
  return names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
}

/**
 * Checks one workflow against the safety model: no pull_request_target, read-only permissions where
 * outsiders reach, self-hosted jobs only where GitHub's own evaluation of their `if:` says the run is
 * on the default branch and started by the schedule or a writer, no PR code checked out where a write
 * token or the data is, remote code pinned, nothing uploaded from next to the data, and no outsider
 * text inlined into a script.
 */
export function checkWorkflow(
  unit: WorkflowUnit,
  index: WorkflowIndex,
  context: WorkflowPolicyContext,
): Finding[] {
  const findings: Finding[] = [];
  const yaml = unit.yaml;
  const root = yaml.doc.contents;
  const add: Add = (rule, node, message, severity = 'error') =>
    findings.push({ rule, severity, file: yaml.file, ...positionOf(yaml, node), message });

  for (const t of unit.triggers) {
    if (t.event === 'pull_request_target')
      add(
        'workflow/pull-request-target',
        t.node,
        'pull_request_target runs with a write token and secrets on behalf of forks; use pull_request',
      );
  }
  checkTopPermissions(root, add);

  const workflowScope = copyScope(unit.inputScope);
  for (const [name, value] of entriesOf(nodeAt(root, 'env')))
    if (isTainted(stringOf(value), workflowScope)) workflowScope.env.add(name.toLowerCase());

  const jobs = entriesOf(nodeAt(root, 'jobs')).filter(([, job]) => isMap(job));
  // Job outputs feed later jobs through `needs`: settle which carry outsider data, then report.
  const taintedOutputs = new Set<string>();
  for (let pass = 0; pass < 6; pass++) {
    const before = taintedOutputs.size;
    for (const [jobId, job] of jobs) checkJob(jobId, job!, false);
    if (taintedOutputs.size === before) break;
  }
  for (const [jobId, job] of jobs) checkJob(jobId, job!, true);
  return findings;

  function checkJob(jobId: string, job: Node, report: boolean): void {
    const emit: Add = report ? add : () => {};
    const reachable = reachingJob(unit, jobId);
    const untrusted = reachable.filter((r) => r.scenario.trust === 'untrusted');
    const unreviewed = reachable.filter((r) => r.scenario.trust === 'unreviewed');
    const privileged = untrusted.filter((r) => r.scenario.privileged);
    checkJobPermissions(jobId, job, root, untrusted, privileged, emit);

    const calls = stringOf(nodeAt(job, 'uses'))?.trim();
    if (nodeAt(job, 'uses') !== undefined) {
      const usesNode = nodeAt(job, 'uses');
      if (calls === undefined)
        emit('workflow/reusable-unresolved', usesNode, `job "${jobId}": uses is not a plain string`);
      else if (calls.startsWith('./')) {
        if (!index.resolveWorkflow(calls))
          emit(
            'workflow/reusable-unresolved',
            usesNode,
            `job "${jobId}" calls ${calls}, which is not a workflow file of this repository; the policy cannot see where its jobs run`,
          );
      } else if (reachable.length > 0 && !SHA_PIN.test(calls)) {
        emit(
          'workflow/unpinned-reusable',
          usesNode,
          `job "${jobId}" calls a reusable workflow from another repository at a movable ref; its jobs run on this repository's runners (possibly self-hosted): pin it by full commit SHA`,
        );
      } else if (untrusted.length > 0) {
        emit(
          'workflow/remote-reusable',
          usesNode,
          `job "${jobId}" calls a reusable workflow from another repository on ${events(untrusted)}; its jobs run on this repository's runners and the policy cannot see which`,
          'warning',
        );
      }
      return;
    }

    const scheduled = unit.reach.get('schedule/default');
    const condition = unit.jobConditions?.get(jobId);
    if (
      scheduled &&
      !scheduled.via &&
      condition !== undefined &&
      evaluateText(condition, evaluationContext(scheduled.scenario), 'normal') === false
    )
      emit(
        'workflow/never-scheduled',
        keyNode(nodeAt(root, 'jobs'), jobId),
        `job "${jobId}" never runs on the schedule: its condition is false there (a scheduled run's payload has no repository, so github.event.repository.default_branch is empty); use \`if: ${RECOMMENDED_CONDITION}\``,
        'warning',
      );

    const selfHosted = selfHostedRunner(job);
    if (selfHosted && untrusted.length > 0)
      emit(
        'workflow/self-hosted-trigger',
        selfHosted.node,
        `job "${jobId}" ${selfHosted.reason} and is reachable from ${events(untrusted)}, which forks and outsiders can cause; self-hosted jobs run only on schedule, or workflow_dispatch/push on the default branch`,
      );
    if (selfHosted && unreviewed.length > 0)
      emit(
        'workflow/self-hosted-branch',
        selfHosted.node,
        `job "${jobId}" ${selfHosted.reason} and its condition does not exclude ${events(unreviewed)}; add \`if: ${RECOMMENDED_CONDITION}\``,
      );
    if (selfHosted && nodeAt(root, 'concurrency') === undefined && nodeAt(job, 'concurrency') === undefined)
      emit(
        'workflow/concurrency',
        selfHosted.node,
        `job "${jobId}" runs on a self-hosted runner without a concurrency group; two runs could write the same outputs`,
        'warning',
      );

    if (selfHosted)
      for (const [node, kind] of [root, job].flatMap((n) => [
        ...hiddenUploads(nodeAt(n, 'env')),
        ...hiddenUploads(nodeAt(n, 'defaults')),
      ]))
        emit(
          'workflow/self-hosted-upload',
          node,
          `job "${jobId}" runs on a self-hosted runner next to licensed data and sends files off it (${kind}, in env or defaults)`,
        );

    if (selfHosted) {
      // Container and service images run next to the data as much as any step does.
      const container = nodeAt(job, 'container');
      const images = [
        stringOf(container) !== undefined ? container : nodeAt(container, 'image'),
        ...entriesOf(nodeAt(job, 'services')).map(([, service]) => nodeAt(service, 'image')),
      ].filter((n): n is Node => n !== undefined);
      for (const image of images)
        if (!/@sha256:[0-9a-f]{64}$/.test(stringOf(image)?.trim() ?? ''))
          emit(
            'workflow/unpinned-image',
            image,
            `job "${jobId}" runs on a self-hosted runner next to licensed data with a container image not pinned by @sha256 digest`,
          );
    }

    const scope: TaintScope = copyScope(workflowScope);
    for (const pair of taintedOutputs) scope.needs.add(pair);
    for (const [name, value] of entriesOf(nodeAt(job, 'env')))
      if (isTainted(stringOf(value), scope)) scope.env.add(name.toLowerCase());
    // `options:` of the job's container and services go to `docker create`: outsider text there can
    // mount the host (`-v /:/host`, the docker socket) under the job's token.
    for (const options of [
      nodeAt(nodeAt(job, 'container'), 'options'),
      ...entriesOf(nodeAt(job, 'services')).map(([, service]) => nodeAt(service, 'options')),
    ])
      if (options && isTainted(stringOf(options), scope))
        emit(
          'workflow/untrusted-expression',
          options,
          `job "${jobId}": container options carry text outsiders write; they become docker create arguments on the runner`,
        );
    const matrix = nodeAt(mapAt(job, 'strategy'), 'matrix');
    if (
      matrix !== undefined &&
      isTainted(yaml.text.slice(matrix.range?.[0] ?? 0, matrix.range?.[2] ?? 0), scope)
    )
      scope.matrix.add('*');

    const stepContext: StepContext = {
      where: `job "${jobId}" of ${yaml.file}`,
      selfHosted: selfHosted !== undefined,
      privileged: privileged.length > 0 ? events(privileged) : undefined,
      protectedDirs: context.protectedDirs,
      index,
      report,
      findings,
      matrix: matrix !== undefined,
    };
    const stepOutputs = walkSteps(yaml, itemsOf(nodeAt(job, 'steps')), scope, stepContext);
    for (const [name, value] of entriesOf(nodeAt(job, 'outputs'))) {
      const s = copyScope(scope);
      for (const id of stepOutputs) s.steps.add(id);
      if (isTainted(stringOf(value), s)) taintedOutputs.add(`${jobId.toLowerCase()}.${name.toLowerCase()}`);
    }
  }
}

function writeScopes(permissions: Node | undefined): string[] {
  if (permissions === undefined) return [];
  const scalar = stringOf(permissions);
  if (scalar !== undefined) return scalar.trim() === 'write-all' ? ['write-all'] : [];
  return entriesOf(permissions)
    .filter(([, v]) => stringOf(v)?.trim() === 'write')
    .map(([k]) => k);
}

function checkJobPermissions(
  jobId: string,
  job: Node,
  root: unknown,
  untrusted: readonly Reach[],
  privileged: readonly Reach[],
  add: Add,
): void {
  const own = nodeAt(job, 'permissions');
  const node = own ?? nodeAt(root, 'permissions');
  const scopes = writeScopes(node);
  if (own !== undefined && scopes.includes('write-all'))
    add(
      'workflow/job-permissions',
      own,
      `job "${jobId}" has permissions: write-all; grant only the scopes it needs`,
    );
  else if (privileged.length > 0 && scopes.length > 0)
    add(
      'workflow/job-permissions',
      node,
      `job "${jobId}" holds ${scopes.join(', ')}: write on ${events(privileged)}, which outsiders cause; keep such jobs read-only`,
    );
  else if (untrusted.length > 0 && scopes.includes('id-token'))
    add(
      'workflow/job-permissions',
      node,
      `job "${jobId}" can mint an OIDC token (id-token: write) on ${events(untrusted)}, which outsiders cause`,
    );
}

function checkTopPermissions(root: unknown, add: Add): void {
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
    if (scalar.trim() !== 'read-all')
      add(
        'workflow/permissions',
        permissions,
        `top-level permissions "${scalar}" are not read-only; use \`contents: read\``,
      );
    return;
  }
  if (!isMap(permissions)) {
    add('workflow/permissions', permissions, 'top-level permissions the policy cannot read');
    return;
  }
  for (const [scope, value] of entriesOf(permissions)) {
    const level = stringOf(value)?.trim();
    if (level !== 'read' && level !== 'none') {
      add(
        'workflow/permissions',
        value ?? permissions,
        `top-level permission ${scope}: ${level ?? '?'} is not read-only; grant write to the one job that needs it`,
      );
    }
  }
}

export type { YamlFile };
