import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';

/** The real path of `dir`; a UsageError naming it as `what` when it is not a directory. */
export async function realDirectory(dir: string, what: string): Promise<string> {
  const st = await stat(dir).catch(() => undefined);
  if (!st?.isDirectory()) throw new UsageError(`${what} ${dir} is not a directory`);
  return realpath(dir);
}

/** True when `child` is `parent` or lies below it (plain path comparison, no file system). */
export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** True when the real path of `file` lies outside `realRoot` (a real path); rejects when `file` cannot be resolved. */
export async function resolvesOutside(file: string, realRoot: string): Promise<boolean> {
  return !isInside(realRoot, await realpath(file));
}

/** `realpath`, each directory resolved once: per-item checks would otherwise resolve the same folder every time. */
export function realpathOnce(): (dir: string) => Promise<string> {
  const known = new Map<string, Promise<string>>();
  return (dir) => {
    let real = known.get(dir);
    if (!real) {
      real = realpath(dir);
      known.set(dir, real);
    }
    return real;
  };
}

/**
 * False when `file` exists and its real path (every symlink followed) lies outside the real path of
 * `root`: a segmentation or tracings file linked out of the data root must not be read. A file that
 * does not exist is not judged here; reading it fails on its own.
 */
export async function staysInside(root: string, file: string): Promise<boolean> {
  const real = await realpath(file).catch(() => undefined);
  if (real === undefined) return true;
  return isInside(await realpath(root), real);
}
