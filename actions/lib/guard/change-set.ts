import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { gitEnv, runGit } from '../tools/run-git.js';
import { runProcess } from '../tools/run-process.js';

/** One entry of a tree or of the index: git mode (`100644`, `120000` link, `160000` gitlink), blob id, path. */
export interface TreeEntry {
  path: string;
  mode: string;
  oid: string;
}

/** A blob a commit of the pull request added or changed, with that commit. */
export interface HistoryEntry extends TreeEntry {
  commit: string;
}

export const LINK_MODE = '120000';
export const GITLINK_MODE = '160000';

/** The commit `rev` names; a UsageError when it is not in the clone. */
export async function resolveCommit(root: string, rev: string, what: string): Promise<string> {
  if (rev.startsWith('-')) throw new UsageError(`${what} "${rev}" is not a git revision`);
  try {
    return (await runGit(root, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`])).trim();
  } catch {
    throw new UsageError(
      `${what} "${rev}" is not a commit in ${root} (fetch it first, e.g. with fetch-depth: 0)`,
    );
  }
}

/** Every entry of the tree of commit `rev`, recursively (gitlinks included). */
export async function listTree(root: string, rev: string): Promise<TreeEntry[]> {
  const out = await runGit(root, ['ls-tree', '-r', '-z', '--full-tree', rev]);
  const entries: TreeEntry[] = [];
  for (const record of out.split('\0')) {
    if (!record) continue;
    const tab = record.indexOf('\t');
    const [mode, , oid] = record.slice(0, tab).split(' ');
    entries.push({ path: record.slice(tab + 1), mode: mode!, oid: oid! });
  }
  return entries;
}

/** The index: what the next commit would hold (stage 0, or any stage of a conflicted path). */
export async function listIndex(root: string): Promise<TreeEntry[]> {
  const out = await runGit(root, ['ls-files', '-s', '-z']);
  const entries: TreeEntry[] = [];
  for (const record of out.split('\0')) {
    if (!record) continue;
    const tab = record.indexOf('\t');
    const [mode, oid] = record.slice(0, tab).split(' ');
    entries.push({ path: record.slice(tab + 1), mode: mode!, oid: oid! });
  }
  return entries;
}

/** The commits of base..head, oldest first (side branches merged in included). */
export async function pullRequestCommits(root: string, base: string, head: string): Promise<string[]> {
  const out = await runGit(root, ['rev-list', '--reverse', '--topo-order', `${base}..${head}`]);
  return out.split('\n').filter(Boolean);
}

const ZERO = /^0+$/;

/**
 * Every blob a commit of the pull request added or changed, oldest commit first. A merge counts
 * what differs from ALL its parents (`-c`): what it takes from one parent came with that parent's
 * own commits, which are listed themselves or are already in the base's history.
 */
export async function historyEntries(root: string, commits: readonly string[]): Promise<HistoryEntry[]> {
  if (commits.length === 0) return [];
  const out = await runGit(
    root,
    ['diff-tree', '--stdin', '-r', '-z', '-c', '--root', '--no-renames', '--no-ext-diff'],
    `${commits.join('\n')}\n`,
  );
  const entries: HistoryEntry[] = [];
  const tokens = out.split('\0');
  let commit = '';
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (!token) continue;
    if (!token.startsWith(':')) {
      commit = token.split(' ')[0]!;
      continue;
    }
    // ":<modes…> <oids…> <status>" with one colon per parent, then the path.
    const file = tokens[++i]!;
    const parents = token.length - token.replace(/^:+/, '').length;
    const fields = token.replace(/^:+/, '').split(' ');
    const mode = fields[parents]!;
    const oid = fields[2 * parents + 1]!;
    if (ZERO.test(oid) || ZERO.test(mode)) continue; // deleted here
    entries.push({ path: file, mode, oid, commit });
  }
  return entries;
}

/** Commits of the list that a shallow clone cut off from their parents: history beyond them is unknown. */
export async function shallowCommits(root: string, commits: readonly string[]): Promise<string[]> {
  const file = (await runGit(root, ['rev-parse', '--git-path', 'shallow'])).trim();
  let text: string;
  try {
    text = await readFile(path.resolve(root, file), 'utf8');
  } catch {
    return []; // not a shallow clone
  }
  const shallow = new Set(text.split('\n').filter(Boolean));
  return commits.filter((c) => shallow.has(c));
}

/** The raw message of each commit of base..head: a message ships with the history like a blob. */
export async function commitMessages(
  root: string,
  base: string,
  head: string,
): Promise<{ commit: string; message: Buffer }[]> {
  const out = await runProcessBytes(root, ['log', '-z', '--format=%H%n%B', `${base}..${head}`]);
  const messages: { commit: string; message: Buffer }[] = [];
  let at = 0;
  while (at < out.length) {
    let end = out.indexOf(0, at);
    if (end < 0) end = out.length;
    const newline = out.indexOf(0x0a, at);
    if (newline > at && newline < end)
      messages.push({ commit: out.toString('latin1', at, newline), message: out.subarray(newline + 1, end) });
    at = end + 1;
  }
  return messages;
}

async function runProcessBytes(root: string, args: string[]): Promise<Buffer> {
  // Bounded: a message of gigabytes ends the guard with an error rather than exhaust memory.
  const result = await runProcess('git', args, { cwd: root, env: gitEnv(), maxStdoutBytes: 256 << 20 });
  if (result.code !== 0) throw new UsageError(`git ${args[0]} failed in ${root}: ${result.stderr.trim()}`);
  return result.stdout;
}
