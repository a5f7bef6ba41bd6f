import path from 'node:path';
import { LAYOUT } from '../repository/repository-layout.js';
import { GITLINK_MODE, LINK_MODE, type TreeEntry } from './change-set.js';

/** Links followed through other links before giving up: a loop, or a chain built to hide the end. */
export const MAX_LINK_HOPS = 40;

/** Longer than any path a system resolves (PATH_MAX is 4096 on Linux). */
export const MAX_TARGET_LENGTH = 4096;

/** Folders the repository's checks rely on: a link standing in for one redirects what they read or write. */
const CHECKED_FOLDERS = [
  'manifests',
  LAYOUT.datasetsDir,
  LAYOUT.locksDir,
  LAYOUT.selectionsDir,
  LAYOUT.schemaDir,
  LAYOUT.scenariosDir,
  LAYOUT.syntheticImagesDir,
  '.github',
  '.github/workflows',
  'actions',
  'scripts',
];

/** Where the data lives: the policy's folders and the usual ones, whatever the policy says. */
const DEFAULT_PROTECTED = ['data', 'outputs'];

export interface LinkContext {
  /** The policy's data and output folders (from the base on a pull request). */
  protectedDirs: readonly string[];
  /** Folders that are tracked (in the base): a link must not replace one. */
  trackedDirs: ReadonlySet<string>;
  /** True when git ignores the path in the work tree (the folders the data is kept in). */
  isIgnored(relative: string): Promise<boolean>;
}

/** A reason a tree entry is unsafe, without its target (a target can name a patient's folder). */
export interface LinkProblem {
  path: string;
  rule: 'guard/symlink' | 'guard/submodule';
  reason: string;
}

/** Every folder that holds a tracked path: `a/b/c` gives `a` and `a/b`. */
export function foldersOf(entries: readonly TreeEntry[]): Set<string> {
  const dirs = new Set<string>();
  for (const e of entries) {
    for (let at = e.path.indexOf('/'); at >= 0; at = e.path.indexOf('/', at + 1))
      dirs.add(e.path.slice(0, at));
  }
  return dirs;
}

function isAbsoluteTarget(target: string): boolean {
  return target.startsWith('/') || target.startsWith('\\') || /^[A-Za-z]:/.test(target);
}

/** `.git`, also as Windows and macOS would read it (any case, trailing dots or spaces). */
function isGitDir(component: string): boolean {
  return component.replace(/[. ]+$/, '').toLowerCase() === '.git';
}

type Resolution = { resolved: string } | { reason: string };

/**
 * Resolves a link's target inside the repository, following other tracked links on the way, without
 * touching the file system: the tree judged may be a commit's, not the work tree.
 */
export function resolveLink(
  linkPath: string,
  target: string,
  links: ReadonlyMap<string, string>,
): Resolution {
  if (isAbsoluteTarget(target)) return { reason: 'its target is an absolute path' };
  const parts = path.posix
    .dirname(linkPath)
    .split('/')
    .filter((p) => p && p !== '.');
  const queue = target.split(/[\\/]/);
  let hops = 0;
  while (queue.length > 0) {
    const component = queue.shift()!;
    if (component === '' || component === '.') continue;
    if (component === '..') {
      if (parts.length === 0) return { reason: 'it points outside the repository' };
      parts.pop();
      continue;
    }
    if (isGitDir(component)) return { reason: 'it points into .git' };
    parts.push(component);
    const next = links.get(parts.join('/'));
    if (next === undefined) continue;
    if (++hops > MAX_LINK_HOPS) return { reason: `it goes through more than ${MAX_LINK_HOPS} links` };
    if (isAbsoluteTarget(next)) return { reason: 'it leads through a link to an absolute path' };
    parts.pop();
    queue.unshift(...next.split(/[\\/]/));
  }
  return { resolved: parts.join('/') };
}

function within(file: string, dir: string): boolean {
  const f = file.toLowerCase();
  const d = path.posix.normalize(dir).replace(/\/+$/, '').toLowerCase();
  return d === '' || d === '.' || f === d || f.startsWith(`${d}/`);
}

/**
 * Judges the links and gitlinks among `judged`, each against `links` (path → target of every
 * symbolic link in the same tree). A submodule is refused whatever it points at: the repository it
 * names may hold images, and it is fetched with this one.
 */
export async function linkProblems(
  judged: readonly TreeEntry[],
  links: ReadonlyMap<string, string>,
  context: LinkContext,
): Promise<LinkProblem[]> {
  const problems: LinkProblem[] = [];
  const protectedDirs = [...new Set([...context.protectedDirs, ...DEFAULT_PROTECTED])].filter(
    (d) => !path.posix.isAbsolute(d) && !path.posix.normalize(d).startsWith('..'),
  );
  for (const entry of judged) {
    if (entry.mode === GITLINK_MODE) {
      problems.push({
        path: entry.path,
        rule: 'guard/submodule',
        reason:
          'submodule (gitlink): the repository it points at is fetched with this one and may hold data; vendor the files or drop it',
      });
      continue;
    }
    if (path.posix.basename(entry.path) === '.gitmodules') {
      problems.push({
        path: entry.path,
        rule: 'guard/submodule',
        reason: '.gitmodules declares submodules, whose repositories may hold data; remove it',
      });
      continue;
    }
    if (entry.mode !== LINK_MODE) continue;
    const link = (reason: string) =>
      problems.push({ path: entry.path, rule: 'guard/symlink', reason: `symbolic link: ${reason}` });
    const standsIn = context.trackedDirs.has(entry.path) || CHECKED_FOLDERS.includes(entry.path);
    if (standsIn) {
      link('it stands in for a tracked folder, so what the checks read or write there goes elsewhere');
      continue;
    }
    const target = links.get(entry.path) ?? '';
    // A link's blob ships like any file: a "target" that is no path is a way to carry bytes.
    if (target.length > MAX_TARGET_LENGTH || /[\u0000-\u001f\u007f\ufffd]/.test(target)) {
      link(`its target is not a path (${target.length} characters, or control bytes)`);
      continue;
    }
    const resolution = resolveLink(entry.path, target, links);
    if ('reason' in resolution) {
      link(resolution.reason);
      continue;
    }
    const { resolved } = resolution;
    if (resolved === '' || entry.path.startsWith(`${resolved}/`)) {
      // `x -> .` or `a/b -> ..`: a loop through the whole tree; a checkout at that path lands on it.
      link('it points at the repository root or a folder that holds it');
      continue;
    }
    const dir = protectedDirs.find((d) => within(resolved, d));
    if (dir !== undefined) {
      link(`it resolves into the data or output folder "${dir}/"`);
      continue;
    }
    if (resolved !== '' && (await context.isIgnored(resolved)))
      link('it resolves into a folder git ignores, where data is kept');
  }
  return problems;
}
