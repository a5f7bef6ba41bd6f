import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** Relative paths (forward slashes) of files under `dir` ending in `suffix`, sorted; [] if dir is absent. */
export async function listFiles(
  root: string,
  dir: string,
  suffix: string,
  recursive = false,
): Promise<string[]> {
  let entries: { name: string; parentPath?: string; path?: string; isFile(): boolean }[];
  try {
    entries = await readdir(path.join(root, dir), { withFileTypes: true, recursive });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(suffix))
    .map((e) => {
      const parent = e.parentPath ?? e.path ?? path.join(root, dir);
      return path.relative(root, path.join(parent, e.name)).split(path.sep).join('/');
    })
    .sort();
}
