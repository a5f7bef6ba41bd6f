import type { Finding } from '../findings/finding.js';
import { sortFindings } from '../findings/finding.js';
import type { JsonDocument } from '../json/json-document.js';
import type { LoadedFile } from '../repository/load-json-file.js';
import { loadRepository } from '../repository/load-repository.js';
import { LAYOUT } from '../repository/repository-layout.js';
import type { Policy } from '../schema/policy.js';
import { isIgnored, trackedFiles } from '../tools/run-git.js';
import { checkWorkflowFiles } from '../workflow-policy/check-workflow-files.js';
import type { AllowedBinary } from './allowed-binaries.js';
import { datasetsAt, stricterLabelTerms } from './base-datasets.js';
import { policyAt } from './base-policy.js';
import { resolveCommit } from './change-set.js';
import { GitBlobReader } from './git-blob-source.js';
import { ignoredDirFindings, type PolicyDir } from './ignored-dirs.js';
import { labelBearingScenarios, labelFieldFindings } from './label-fields.js';
import {
  defaultBranches,
  type EventPayload,
  type ResolvedVisibility,
  readEventPayload,
  resolveVisibility,
  type Visibility,
} from './repository-visibility.js';
import { scanChange } from './scan-change.js';
import { DEFAULT_SCAN, type ScanOptions } from './scan-tracked-files.js';
import { scanWorkTree } from './scan-work-tree.js';
import { defaultSyntheticRenderer, type SyntheticRenderer, syntheticClaims } from './synthetic-images.js';
import { workTreeHeadFindings } from './work-tree-head.js';

export interface GuardOptions {
  /** Work tree root of the repository. */
  root: string;
  /**
   * The trusted revision of a pull request (its base). With it, the policy and allowlist come from the
   * base, and every blob of every commit of base..head is read, not the work tree.
   */
  base?: string;
  /** The pull request's head commit; default HEAD, plus what the index holds beyond it. */
  head?: string;
  /** `$GITHUB_EVENT_PATH`: the repository's visibility and default branch come from it when present. */
  eventPath?: string;
  /** The event payload already read from `eventPath` (the action reads it for the pull request too). */
  event?: EventPayload;
  renderSynthetic?: SyntheticRenderer;
  scan?: ScanOptions;
}

export interface GuardResult {
  findings: Finding[];
  trackedFiles: number;
  /** Files (or, with a base, distinct blobs of the head and the history) read by content. */
  scannedFiles: number;
  /** Commits of base..head read, with a base. */
  commits?: number;
  visibility: ResolvedVisibility;
  /** Scenario files whose labels come from datasets that forbid (or do not allow) publishing them. */
  labelBearing: string[];
  durationMs: number;
}

/**
 * The no-redistribution guard: tracked data files by content (archives included), LFS pointers,
 * embedded blobs, symbolic links and submodules, tracked or unignored output and data directories,
 * label fields a public repository must not carry, and the workflow safety policy. With a base, the
 * history of the pull request too, judged by the base's policy. Returns findings; never prints.
 */
export async function runGuard(options: GuardOptions): Promise<GuardResult> {
  const started = performance.now();
  const { root } = options;
  const tracked = await trackedFiles(root);
  const event = options.event ?? (await readEventPayload(options.eventPath));
  const render = options.renderSynthetic ?? defaultSyntheticRenderer;
  const scan = options.scan ?? DEFAULT_SCAN;
  const trackedSet = new Set(tracked);

  const findings: Finding[] = [];
  const {
    policy: headPolicy,
    scenarios,
    datasets,
  } = await loadContent(root, options.base === undefined ? findings : []);
  const claims = syntheticClaims(scenarios);
  const ignored = (relative: string) =>
    isIgnored(root, relative).then((yes) => yes || isIgnored(root, `${relative}/${PROBE}`));
  const reader = new GitBlobReader(root);
  // Label terms: the head's, or with a base the stricter of the head's and the base's for each dataset.
  let judgedDatasets = datasets;
  let trusted: TrustedPolicy;
  let scannedFiles: number;
  let commits: number | undefined;
  try {
    if (options.base !== undefined) {
      const base = await resolveCommit(root, options.base, '--base');
      const head = await resolveCommit(root, options.head ?? 'HEAD', '--head');
      if (options.head !== undefined) findings.push(...(await workTreeHeadFindings(root, head)));
      trusted = await trustedPolicy(root, base, headPolicy, findings);
      judgedDatasets = stricterLabelTerms(datasets, await datasetsAt(root, base), findings);
      const shown = resolveVisibility(event, trusted.visibility).visibility;
      const change = await scanChange({
        root,
        reader,
        base,
        head,
        headFromIndex: options.head === undefined,
        allowed: trusted.allowed,
        protectedDirs: trusted.dirs.map((d) => d.dir),
        isIgnored: ignored,
        headClaims: claims,
        render,
        scan,
        historyLabels: (scenario) => labelFieldFindings([scenario], judgedDatasets, shown),
      });
      findings.push(...change.findings);
      scannedFiles = change.scannedBlobs;
      commits = change.commits;
    } else {
      trusted = workTreePolicy(headPolicy);
      const tree = await scanWorkTree({
        root,
        reader,
        tracked,
        allowed: trusted.allowed,
        protectedDirs: trusted.dirs.map((d) => d.dir),
        isIgnored: ignored,
        claims,
        render,
        scan,
      });
      findings.push(...tree.findings);
      scannedFiles = tree.scannedFiles;
    }
  } finally {
    await reader.close();
  }

  const visibility = resolveVisibility(event, trusted.visibility);
  trusted.allowed.forEach((entry, i) => {
    if (!trackedSet.has(entry.path)) {
      findings.push({
        rule: 'guard/allowlist',
        severity: 'warning',
        file: LAYOUT.policyFile,
        ...trusted.doc?.locate(`/allowed_binary_files/${i}/path`),
        message: `allowed binary file "${entry.path}" is not tracked; remove the entry`,
      });
    }
  });
  findings.push(...(await ignoredDirFindings(root, trusted.dirs, tracked, LAYOUT.policyFile, trusted.doc)));
  findings.push(...labelFieldFindings(scenarios, judgedDatasets, visibility.visibility));
  findings.push(
    ...(await checkWorkflowFiles(root, tracked, {
      defaultBranches: defaultBranches(event),
      protectedDirs: trusted.dirs.map((d) => d.dir),
    })),
  );
  return {
    findings: sortFindings(findings),
    trackedFiles: tracked.length,
    labelBearing: labelBearingScenarios(scenarios, judgedDatasets),
    scannedFiles,
    ...(commits !== undefined ? { commits } : {}),
    visibility,
    durationMs: Math.round(performance.now() - started),
  };
}

const PROBE = '.clinical-manifests-probe';

/** The policy the verdict rests on: allowlist, data and output folders, assumed visibility. */
interface TrustedPolicy {
  allowed: AllowedBinary[];
  dirs: PolicyDir[];
  visibility?: Visibility;
  /** For locating findings in manifests/policy.json; only when the work tree's text is the trusted one. */
  doc?: JsonDocument;
}

function policyDirs(policy: Policy | undefined): PolicyDir[] {
  return [
    ...(policy?.output_dirs ?? []).map((dir, i) => ({
      dir,
      pointer: `/output_dirs/${i}`,
      role: 'output' as const,
    })),
    ...(policy?.data_dirs ?? []).map((dir, i) => ({
      dir,
      pointer: `/data_dirs/${i}`,
      role: 'data' as const,
    })),
  ];
}

function workTreePolicy(policy: LoadedFile<Policy> | undefined): TrustedPolicy {
  return {
    allowed: policy?.value?.allowed_binary_files ?? [],
    dirs: policyDirs(policy?.value),
    visibility: policy?.value?.repository_visibility,
    doc: policy?.doc,
  };
}

/**
 * The base's policy. Whatever the pull request writes in its own policy.json has no effect on the
 * verdict. When the base has none (the pull request that adopts the guard), nothing is allowlisted and
 * the folders are the pull request's: naming a folder can only add findings.
 */
async function trustedPolicy(
  root: string,
  base: string,
  headPolicy: LoadedFile<Policy> | undefined,
  findings: Finding[],
): Promise<TrustedPolicy> {
  const at = await policyAt(root, base);
  if (!at.value) {
    findings.push({
      rule: 'guard/policy',
      severity: 'warning',
      file: LAYOUT.policyFile,
      message: `the base's policy is ${at.problem}: nothing is allowlisted, and the data and output folders are the pull request's`,
    });
    return { allowed: [], dirs: policyDirs(headPolicy?.value), visibility: undefined };
  }
  const same = headPolicy?.doc?.text === at.doc?.text;
  return {
    allowed: at.value.allowed_binary_files,
    dirs: policyDirs(at.value),
    visibility: at.value.repository_visibility,
    ...(same ? { doc: headPolicy?.doc } : {}),
  };
}

/** The policy, scenarios and dataset manifests; schema problems are validate's to report, not the guard's. */
async function loadContent(root: string, findings: Finding[]) {
  // Content errors are validate's to report; the guard needs only what loads.
  const { policy, scenarios, datasets } = await loadRepository(root, ['scenarios', 'datasets', 'policy']);
  if (!policy?.value) {
    findings.push({
      rule: 'guard/policy',
      severity: 'warning',
      file: LAYOUT.policyFile,
      message:
        'policy missing or invalid: output and data directories and the allowlist are unknown (run validate)',
    });
  }
  return { policy, scenarios, datasets };
}
