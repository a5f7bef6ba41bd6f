import type { Finding } from '../findings/finding.js';
import { JsonDocument } from '../json/json-document.js';
import type { LoadedFile } from '../repository/load-json-file.js';
import { LAYOUT } from '../repository/repository-layout.js';
import { Scenario } from '../schema/scenario.js';
import { ALLOWLIST_MISMATCH, type AllowedBinary, allowsContent } from './allowed-binaries.js';
import { bufferSource } from './byte-source.js';
import {
  commitMessages,
  GITLINK_MODE,
  type HistoryEntry,
  historyEntries,
  LINK_MODE,
  listIndex,
  listTree,
  pullRequestCommits,
  shallowCommits,
  type TreeEntry,
} from './change-set.js';
import type { GitBlob, GitBlobReader } from './git-blob-source.js';
import { foldersOf, type LinkContext, type LinkProblem, linkProblems } from './git-links.js';
import { type FileObservation, inspectContent, type ScanOptions } from './inspect-content.js';
import { nameFindings } from './name-findings.js';
import { observationFindings } from './observation-findings.js';
import {
  type SyntheticClaim,
  type SyntheticRenderer,
  syntheticClaims,
  verifySyntheticBytes,
} from './synthetic-images.js';

export interface ChangeScanInput {
  root: string;
  reader: GitBlobReader;
  base: string;
  head: string;
  /** Judge the index as the head tree (a local run without --head: what the next commit holds). */
  headFromIndex: boolean;
  /** The base's allowlist. */
  allowed: readonly AllowedBinary[];
  /** The base's data and output folders. */
  protectedDirs: readonly string[];
  isIgnored(relative: string): Promise<boolean>;
  /** Synthetic images the head's scenarios claim. */
  headClaims: ReadonlyMap<string, SyntheticClaim[]>;
  render: SyntheticRenderer;
  scan: ScanOptions;
  /** Label fields a scenario version only the history holds would publish (the head's are checked apart). */
  historyLabels?: (scenario: LoadedFile<Scenario>) => Finding[];
}

export interface ChangeScanResult {
  findings: Finding[];
  /** Distinct blobs read by content. */
  scannedBlobs: number;
  commits: number;
  headTree: TreeEntry[];
}

/** Modes whose blob is read by content: files, and links too (a link's blob can carry any bytes). */
const CONTENT_MODES = new Set(['100644', '100755', LINK_MODE]);
const BLOB_WORKERS = 4;

/** One blob to read, where it is, and the commit that added it when it is no longer at the head. */
interface Candidate {
  entry: TreeEntry;
  /** Further head paths holding the same bytes. */
  alsoAt: string[];
  commit?: string;
}

const short = (commit: string) => commit.slice(0, 12);

function historyNote(commit: string): string {
  return `; added in commit ${short(commit)} of this pull request and no longer in its head, it stays in the history: remove it from the history (rebase or squash the pull request), not only from the tree`;
}

/**
 * Judges a pull request as it would be merged: every blob added or changed in base..head, in every
 * commit (side branches and merges included, later deletions and renames notwithstanding), plus the
 * head tree. Blobs the base tree already holds are skipped. Policy comes from the caller (the base).
 */
export async function scanChange(input: ChangeScanInput): Promise<ChangeScanResult> {
  const { root, reader } = input;
  const [baseTree, headTree, commits] = await Promise.all([
    listTree(root, input.base),
    input.headFromIndex ? listIndex(root) : listTree(root, input.head),
    pullRequestCommits(root, input.base, input.head),
  ]);
  const [history, cut] = await Promise.all([historyEntries(root, commits), shallowCommits(root, commits)]);
  const findings: Finding[] = [];
  for (const commit of cut) {
    findings.push({
      rule: 'guard/history',
      severity: 'error',
      file: '.',
      message: `commit ${short(commit)} of the pull request is cut from its parents in this shallow clone, so its history cannot be checked; check out with fetch-depth: 0`,
    });
  }

  const baseOids = new Set(baseTree.map((e) => e.oid));
  const baseByPath = new Map(baseTree.map((e) => [e.path, e.oid]));
  const headKeys = new Set(headTree.map((e) => `${e.mode} ${e.oid} ${e.path}`));
  const headOids = new Set(headTree.filter((e) => CONTENT_MODES.has(e.mode)).map((e) => e.oid));

  // Content: each distinct blob once; the head's paths first, then what only history holds.
  const byOid = new Map<string, Candidate>();
  for (const entry of headTree) {
    if (!CONTENT_MODES.has(entry.mode) || baseOids.has(entry.oid)) continue;
    const known = byOid.get(entry.oid);
    if (known) known.alsoAt.push(entry.path);
    else byOid.set(entry.oid, { entry, alsoAt: [] });
  }
  for (const entry of history) {
    if (!CONTENT_MODES.has(entry.mode) || baseOids.has(entry.oid) || headOids.has(entry.oid)) continue;
    if (!byOid.has(entry.oid)) byOid.set(entry.oid, { entry, alsoAt: [], commit: entry.commit });
  }

  const linkContext: LinkContext = {
    protectedDirs: input.protectedDirs,
    trackedDirs: foldersOf(baseTree),
    isIgnored: input.isIgnored,
  };
  findings.push(...(await headLinkFindings(reader, headTree, linkContext)));
  findings.push(...(await historyLinkFindings(root, reader, history, headKeys, linkContext)));

  findings.push(...(await messageFindings(input)));
  findings.push(...nameFindings(baseTree, [...headTree, ...history]));

  const allowedByPath = new Map(input.allowed.map((a) => [a.path, a]));
  const claimsAt = commitClaims(root, reader);
  const candidates = [...byOid.values()];
  let next = 0;
  const worker = async () => {
    while (next < candidates.length) {
      const candidate = candidates[next++]!;
      let blob: GitBlob;
      try {
        blob = await reader.read(candidate.entry.oid);
      } catch {
        // A blob the clone lacks (a partial clone) cannot be judged: it fails the guard on its own.
        findings.push({
          rule: 'guard/unreadable',
          severity: 'error',
          file: candidate.entry.path,
          message: `cannot be read from the object store, so it cannot be checked${candidate.commit ? historyNote(candidate.commit) : ''}`,
        });
        continue;
      }
      try {
        findings.push(...(await judgeBlob(input, candidate, blob, allowedByPath, baseByPath, claimsAt)));
      } finally {
        await blob.dispose();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(BLOB_WORKERS, candidates.length) }, worker));
  return { findings, scannedBlobs: candidates.length, commits: commits.length, headTree };
}

async function judgeBlob(
  input: ChangeScanInput,
  candidate: Candidate,
  blob: GitBlob,
  allowedByPath: ReadonlyMap<string, AllowedBinary>,
  baseByPath: ReadonlyMap<string, string>,
  claimsAt: (commit: string) => Promise<Map<string, SyntheticClaim[]>>,
): Promise<Finding[]> {
  const { entry, commit } = candidate;
  const findings: Finding[] = [];
  if (commit && input.historyLabels && isScenarioFile(entry.path))
    findings.push(...(await historyLabelFindings(entry.path, blob, commit, input.historyLabels)));
  const observations = await inspectContent(entry.path, blob.source, input.scan);
  if (observations.length === 0) return findings;
  for (const file of [entry.path, ...candidate.alsoAt]) {
    const entryFor = allowedByPath.get(file);
    const content = { oid: entry.oid, baseOid: baseByPath.get(file), source: blob.source };
    if (await allowsContent(entryFor, content)) continue;
    const own = observations.map((o) => ({ ...o, file }) as FileObservation);
    const rest: FileObservation[] = [];
    for (const o of own) {
      if (o.type !== 'data') {
        rest.push(o);
        continue;
      }
      const claims = [
        ...(input.headClaims.get(file) ?? []),
        ...(commit ? ((await claimsAt(commit)).get(file) ?? []) : []),
      ];
      if (claims.length === 0) {
        rest.push(o);
        continue;
      }
      const bytes = await blob.source.read(0, blob.size);
      // Any one claim that reproduces the bytes proves them synthetic.
      const problems = claims.map((c) => verifySyntheticBytes(bytes, [c], input.render));
      if (problems.some((p) => p === undefined)) continue;
      findings.push({
        rule: 'guard/synthetic-image',
        severity: 'error',
        file,
        message: `synthetic image ${problems[0]}; regenerate it with the generator${commit ? historyNote(commit) : ''}`,
      });
    }
    const judged = await observationFindings(input.root, rest, new Set(), new Map(), input.render);
    for (const f of judged) {
      let message = f.message;
      if (entryFor) message += `; ${ALLOWLIST_MISMATCH}`;
      if (commit) message += historyNote(commit);
      findings.push({ ...f, message });
    }
  }
  return findings;
}

/**
 * Commit messages ship with the history: one holding an image as base64 is caught like a text file
 * holding it. Reported on the repository ('.') with the commit, as no file holds it.
 */
async function messageFindings(input: ChangeScanInput): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const { commit, message } of await commitMessages(input.root, input.base, input.head)) {
    const label = `commit message of ${short(commit)}`;
    const seen = await inspectContent(label, bufferSource(message), input.scan);
    for (const f of await observationFindings(input.root, seen, new Set(), new Map(), input.render)) {
      const { line: _line, column: _column, ...rest } = f;
      findings.push({
        ...rest,
        file: '.',
        message: `${label}: ${f.message}; reword it (rebase) before merging, as the message stays in the history`,
      });
    }
  }
  return findings;
}

function isScenarioFile(file: string): boolean {
  const prefix = `${LAYOUT.scenariosDir}/`;
  return file.startsWith(prefix) && file.endsWith('.json') && !file.slice(prefix.length).includes('/');
}

/**
 * A scenario version that only the history holds still publishes its label fields with the merge.
 * Errors and warnings only (a private repository's notices are for the head), without positions: the
 * lines are those of a version no longer in the tree.
 */
async function historyLabelFindings(
  file: string,
  blob: GitBlob,
  commit: string,
  judge: (scenario: LoadedFile<Scenario>) => Finding[],
): Promise<Finding[]> {
  if (blob.size > MAX_SCENARIO_BYTES) return [];
  const parsed = JsonDocument.parse(file, (await blob.source.read(0, blob.size)).toString('utf8'));
  if ('problem' in parsed) return [];
  const value = Scenario.safeParse(parsed.doc.value);
  if (!value.success) return [];
  return judge({ file, doc: parsed.doc, value: value.data })
    .filter((f) => f.severity !== 'notice')
    .map(({ line: _line, column: _column, ...f }) => ({
      ...f,
      message: `${f.message}${historyNote(commit)}`,
    }));
}

/** Scenario versions larger than this are not parsed for labels (validate bounds the head's). */
const MAX_SCENARIO_BYTES = 16 * 1024 * 1024;

/** Link targets of a tree, read from the object store. */
async function linkTargets(reader: GitBlobReader, tree: readonly TreeEntry[]): Promise<Map<string, string>> {
  const links = new Map<string, string>();
  for (const e of tree) if (e.mode === LINK_MODE) links.set(e.path, await reader.readText(e.oid));
  return links;
}

const isLinkish = (e: TreeEntry) =>
  e.mode === LINK_MODE || e.mode === GITLINK_MODE || e.path.split('/').pop() === '.gitmodules';

function toFinding(p: LinkProblem, suffix = ''): Finding {
  return { rule: p.rule, severity: 'error', file: p.path, message: `${p.reason}${suffix}` };
}

async function headLinkFindings(
  reader: GitBlobReader,
  headTree: readonly TreeEntry[],
  context: LinkContext,
): Promise<Finding[]> {
  const judged = headTree.filter(isLinkish);
  if (judged.length === 0) return [];
  const problems = await linkProblems(judged, await linkTargets(reader, headTree), context);
  return problems.map((p) => toFinding(p));
}

/** Links and submodules a commit added that the head no longer has, each judged in its own commit's tree. */
async function historyLinkFindings(
  root: string,
  reader: GitBlobReader,
  history: readonly HistoryEntry[],
  headKeys: ReadonlySet<string>,
  context: LinkContext,
): Promise<Finding[]> {
  const byCommit = new Map<string, HistoryEntry[]>();
  for (const e of history) {
    if (!isLinkish(e) || headKeys.has(`${e.mode} ${e.oid} ${e.path}`)) continue;
    byCommit.set(e.commit, [...(byCommit.get(e.commit) ?? []), e]);
  }
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const [commit, judged] of byCommit) {
    const tree = await listTree(root, commit);
    const problems = await linkProblems(judged, await linkTargets(reader, tree), context);
    for (const p of problems) {
      const key = `${p.rule} ${p.path} ${p.reason}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push(toFinding(p, historyNote(commit)));
    }
  }
  return findings;
}

/** The synthetic images each commit's own scenarios claim, read once per commit and only when needed. */
function commitClaims(
  root: string,
  reader: GitBlobReader,
): (commit: string) => Promise<Map<string, SyntheticClaim[]>> {
  const cache = new Map<string, Promise<Map<string, SyntheticClaim[]>>>();
  return (commit) => {
    let claims = cache.get(commit);
    if (!claims) {
      claims = (async () => {
        const tree = await listTree(root, commit);
        const scenarios: LoadedFile<Scenario>[] = [];
        for (const e of tree) {
          if (!e.path.startsWith(`${LAYOUT.scenariosDir}/`) || !e.path.endsWith('.json')) continue;
          if (e.path.slice(LAYOUT.scenariosDir.length + 1).includes('/')) continue;
          try {
            const value = JSON.parse(await reader.readText(e.oid)) as Scenario;
            // Unchecked JSON: only a claim of the right shape counts.
            if (typeof value?.synthetic?.image_file === 'string') scenarios.push({ file: e.path, value });
          } catch {
            // Not JSON: claims nothing; validate reports it.
          }
        }
        return syntheticClaims(scenarios);
      })();
      cache.set(commit, claims);
    }
    return claims;
  };
}
