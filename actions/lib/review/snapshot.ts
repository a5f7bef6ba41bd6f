import { open } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { JSON_SIZE_LIMITS } from '../json/json-limits.js';
import { listFiles } from '../repository/list-files.js';
import { LAYOUT } from '../repository/repository-layout.js';
import { runGit } from '../tools/run-git.js';
import { runProcess } from '../tools/run-process.js';

/** The content files of one side of a review: repository path → text. */
export type Snapshot = Map<string, string>;

/** Which files a review compares: scenarios, dataset manifests, the policy and the locks. */
export function isReviewedFile(file: string): boolean {
  const dir = path.posix.dirname(file);
  return (
    file.endsWith('.json') &&
    (dir === LAYOUT.scenariosDir ||
      dir === LAYOUT.datasetsDir ||
      file === LAYOUT.policyFile ||
      file.startsWith(`${LAYOUT.locksDir}/`))
  );
}

/** The size limit of a reviewed file, by its kind: larger files are kept cut short (and reported so). */
function limitOf(file: string): number {
  const dir = path.posix.dirname(file);
  if (dir === LAYOUT.scenariosDir) return JSON_SIZE_LIMITS.scenario;
  if (dir === LAYOUT.datasetsDir) return JSON_SIZE_LIMITS.dataset;
  if (file === LAYOUT.policyFile) return JSON_SIZE_LIMITS.policy;
  return JSON_SIZE_LIMITS.lock;
}

/** The text of a reviewed file, at most one byte past its limit (enough to tell it is too large). */
async function readReviewed(root: string, file: string): Promise<string> {
  const limit = limitOf(file);
  const handle = await open(path.join(root, file), 'r');
  try {
    const buffer = Buffer.alloc(Math.min((await handle.stat()).size, limit + 1));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.toString('utf8', 0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The reviewed files as they are in the work tree. */
export async function workTreeSnapshot(root: string): Promise<Snapshot> {
  const files = [
    ...(await listFiles(root, LAYOUT.scenariosDir, '.json')),
    ...(await listFiles(root, LAYOUT.datasetsDir, '.json')),
    ...(await listFiles(root, 'manifests', 'policy.json')),
    ...(await listFiles(root, LAYOUT.locksDir, '.json', true)),
  ].filter(isReviewedFile);
  const snapshot: Snapshot = new Map();
  for (const file of files) snapshot.set(file, await readReviewed(root, file));
  return snapshot;
}

/**
 * The reviewed files as they are at git `ref`, read from the object store (`git ls-tree` then one
 * `git cat-file --batch`), so the work tree is never touched.
 */
export async function gitSnapshot(root: string, ref: string): Promise<Snapshot> {
  if (ref.startsWith('-')) throw new UsageError(`--base "${ref}" is not a git revision`);
  if (!(await isCommit(root, ref))) {
    throw new UsageError(
      `--base "${ref}" is not a commit in ${root} (fetch it first, e.g. with fetch-depth: 0)`,
    );
  }
  const listing = await runGit(root, [
    'ls-tree',
    '-r',
    '-z',
    '--name-only',
    ref,
    '--',
    LAYOUT.scenariosDir,
    LAYOUT.datasetsDir,
    LAYOUT.policyFile,
    LAYOUT.locksDir,
  ]);
  const files = listing.split('\0').filter((f) => f && isReviewedFile(f));
  const snapshot: Snapshot = new Map();
  if (files.length === 0) return snapshot;
  const result = await runProcess('git', ['cat-file', '--batch'], {
    cwd: root,
    input: files.map((f) => `${ref}:${f}\n`).join(''),
  });
  if (result.code !== 0) throw new UsageError(`git cat-file failed in ${root}: ${result.stderr.trim()}`);
  // Output: "<oid> blob <size>\n<bytes>\n" per file, in input order.
  const out = result.stdout;
  let at = 0;
  for (const file of files) {
    const newline = out.indexOf(0x0a, at);
    const header = out.toString('utf8', at, newline).split(' ');
    const size = Number(header[2]);
    if (header[1] !== 'blob' || !Number.isFinite(size))
      throw new UsageError(`git cat-file: unexpected output for ${file}`);
    const kept = Math.min(size, limitOf(file) + 1);
    snapshot.set(file, out.toString('utf8', newline + 1, newline + 1 + kept));
    at = newline + 1 + size + 1;
  }
  return snapshot;
}

/**
 * Makes `ref` available in a shallow clone (actions/checkout fetches one commit by default): when it is
 * missing, fetches just that commit from `origin`. Returns false when it still is not there.
 */
export async function fetchRevisionIfMissing(root: string, ref: string): Promise<boolean> {
  if (ref.startsWith('-')) return false;
  if (await isCommit(root, ref)) return true;
  try {
    await runGit(root, ['fetch', '--no-tags', '--depth=1', 'origin', ref]);
  } catch {
    return false;
  }
  return isCommit(root, ref);
}

/** True when `ref` names a commit in the repository at `root`. */
async function isCommit(root: string, ref: string): Promise<boolean> {
  try {
    await runGit(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}
