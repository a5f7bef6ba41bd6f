import { UsageError } from '../errors.js';
import type { Finding } from '../findings/finding.js';
import { sortFindings } from '../findings/finding.js';
import { loadRepository } from '../repository/load-repository.js';
import { LAYOUT } from '../repository/repository-layout.js';
import { runGit, trackedFiles } from '../tools/run-git.js';
import { checkWorkflowFiles } from '../workflow-policy/check-workflow-files.js';
import { ignoredDirFindings, type PolicyDir } from './ignored-dirs.js';
import { labelFieldFindings } from './label-fields.js';
import { observationFindings } from './observation-findings.js';
import {
  defaultBranches,
  type EventPayload,
  type ResolvedVisibility,
  readEventPayload,
  resolveVisibility,
} from './repository-visibility.js';
import { DEFAULT_SCAN, type ScanOptions, scanTrackedFiles } from './scan-tracked-files.js';
import { defaultSyntheticRenderer, type SyntheticRenderer, syntheticClaims } from './synthetic-images.js';

export interface GuardOptions {
  /** Work tree root of the repository. */
  root: string;
  /** Scan the content of only the files changed since the merge base with this ref; policy checks stay whole. */
  base?: string;
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
  /** Files whose content was read (all tracked files, or the changed ones with `base`). */
  scannedFiles: number;
  visibility: ResolvedVisibility;
  durationMs: number;
}

/**
 * The no-redistribution guard: tracked data files by content (archives included), LFS pointers,
 * embedded blobs, tracked or unignored output and data directories, label fields a public
 * repository must not carry, and the workflow safety policy. Returns findings; never prints.
 */
export async function runGuard(options: GuardOptions): Promise<GuardResult> {
  const started = performance.now();
  const { root } = options;
  const tracked = await trackedFiles(root);
  const toScan = options.base ? await changedSince(root, options.base, tracked) : tracked;
  const event = options.event ?? (await readEventPayload(options.eventPath));

  const findings: Finding[] = [];
  const { policy, scenarios, datasets } = await loadContent(root, findings);
  const visibility = resolveVisibility(event, policy?.value?.repository_visibility);
  const allowed = new Set((policy?.value?.allowed_binary_files ?? []).map((a) => a.path));
  const trackedSet = new Set(tracked);
  (policy?.value?.allowed_binary_files ?? []).forEach((entry, i) => {
    if (!trackedSet.has(entry.path)) {
      findings.push({
        rule: 'guard/allowlist',
        severity: 'warning',
        file: LAYOUT.policyFile,
        ...policy?.doc?.locate(`/allowed_binary_files/${i}/path`),
        message: `allowed binary file "${entry.path}" is not tracked; remove the entry`,
      });
    }
  });

  const observations = await scanTrackedFiles(root, toScan, options.scan ?? DEFAULT_SCAN);
  const render = options.renderSynthetic ?? defaultSyntheticRenderer;
  findings.push(
    ...(await observationFindings(root, observations, allowed, syntheticClaims(scenarios), render)),
  );

  const dirs: PolicyDir[] = [
    ...(policy?.value?.output_dirs ?? []).map((dir, i) => ({
      dir,
      pointer: `/output_dirs/${i}`,
      role: 'output' as const,
    })),
    ...(policy?.value?.data_dirs ?? []).map((dir, i) => ({
      dir,
      pointer: `/data_dirs/${i}`,
      role: 'data' as const,
    })),
  ];
  findings.push(...(await ignoredDirFindings(root, dirs, tracked, LAYOUT.policyFile, policy?.doc)));
  findings.push(...labelFieldFindings(scenarios, datasets, visibility.visibility));
  findings.push(
    ...(await checkWorkflowFiles(root, tracked, {
      defaultBranches: defaultBranches(event),
      protectedDirs: dirs.map((d) => d.dir),
    })),
  );
  return {
    findings: sortFindings(findings),
    trackedFiles: tracked.length,
    scannedFiles: toScan.length,
    visibility,
    durationMs: Math.round(performance.now() - started),
  };
}

/** Tracked files that differ between the merge base with `base` and the work tree. */
async function changedSince(root: string, base: string, tracked: readonly string[]): Promise<string[]> {
  if (base.startsWith('-')) throw new UsageError(`--base "${base}" is not a git revision`);
  const mergeBase = (await runGit(root, ['merge-base', base, 'HEAD'])).trim();
  const changed = new Set(
    (await runGit(root, ['diff', '--name-only', '-z', '--no-renames', mergeBase, '--']))
      .split('\0')
      .filter(Boolean),
  );
  return tracked.filter((f) => changed.has(f));
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
