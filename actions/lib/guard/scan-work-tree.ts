import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Finding } from '../findings/finding.js';
import type { AllowedBinary } from './allowed-binaries.js';
import { GITLINK_MODE, LINK_MODE, listIndex } from './change-set.js';
import type { GitBlobReader } from './git-blob-source.js';
import { linkProblems } from './git-links.js';
import { type FileObservation, inspectContent, type ScanOptions } from './inspect-content.js';
import { observationFindings } from './observation-findings.js';
import { scanTrackedFiles } from './scan-tracked-files.js';
import type { SyntheticClaim, SyntheticRenderer } from './synthetic-images.js';

export interface WorkTreeScanInput {
  root: string;
  reader: GitBlobReader;
  tracked: readonly string[];
  /** The work tree's allowlist: without a base there is nothing more trusted. */
  allowed: readonly AllowedBinary[];
  protectedDirs: readonly string[];
  isIgnored(relative: string): Promise<boolean>;
  claims: ReadonlyMap<string, SyntheticClaim[]>;
  render: SyntheticRenderer;
  scan: ScanOptions;
}

/**
 * Without a base: every tracked file of the work tree by content, and the index's symbolic links and
 * submodules by git mode (a link is judged by its target, never read through).
 */
export async function scanWorkTree(
  input: WorkTreeScanInput,
): Promise<{ findings: Finding[]; scannedFiles: number }> {
  const { root } = input;
  const index = await listIndex(root);
  const byMode = new Set(
    index.filter((e) => e.mode === LINK_MODE || e.mode === GITLINK_MODE).map((e) => e.path),
  );
  const toScan = input.tracked.filter((f) => !byMode.has(f));
  const observations = await scanTrackedFiles(root, toScan, input.scan);
  const allowed = await coveredPaths(root, input.allowed, observations);
  const findings = await observationFindings(root, observations, allowed, input.claims, input.render);
  const links = new Map<string, string>();
  for (const e of index) {
    if (e.mode !== LINK_MODE) continue;
    // The link's blob ships like a file: judge its bytes too, then what it points at.
    const blob = await input.reader.read(e.oid);
    try {
      const seen = await inspectContent(e.path, blob.source, input.scan);
      findings.push(...(await observationFindings(root, seen, new Set(), new Map(), input.render)));
      links.set(e.path, (await blob.source.read(0, blob.size)).toString('utf8'));
    } finally {
      await blob.dispose();
    }
  }
  const problems = await linkProblems(
    index.filter((e) => byMode.has(e.path) || path.posix.basename(e.path) === '.gitmodules'),
    links,
    { protectedDirs: input.protectedDirs, trackedDirs: new Set(), isIgnored: input.isIgnored },
  );
  for (const p of problems)
    findings.push({ rule: p.rule, severity: 'error', file: p.path, message: p.reason });
  return { findings, scannedFiles: toScan.length };
}

/**
 * Paths whose allowlist entry covers the work tree's file: a pinned entry only when the bytes match
 * its sha256 (hashed only for files the scan found something in).
 */
async function coveredPaths(
  root: string,
  allowed: readonly AllowedBinary[],
  observations: readonly FileObservation[],
): Promise<Set<string>> {
  const seen = new Set(observations.map((o) => o.file));
  const covered = new Set<string>();
  for (const entry of allowed) {
    if (!seen.has(entry.path)) continue;
    if (!entry.sha256) {
      covered.add(entry.path);
      continue;
    }
    try {
      const digest = createHash('sha256')
        .update(await readFile(path.join(root, entry.path)))
        .digest('hex');
      if (digest === entry.sha256) covered.add(entry.path);
    } catch {
      // Unreadable: not covered; the scan reports it.
    }
  }
  return covered;
}
