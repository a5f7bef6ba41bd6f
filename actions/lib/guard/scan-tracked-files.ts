import { lstat, open, readlink } from 'node:fs/promises';
import path from 'node:path';
import { isInside } from '../fs/real-paths.js';
import { fileSource } from './byte-source.js';
import { DEFAULT_SCAN, type FileObservation, inspectContent, type ScanOptions } from './inspect-content.js';

export { DEFAULT_SCAN, type FileObservation, type ScanOptions } from './inspect-content.js';

/**
 * Reads every given file of the work tree by content: data files, archives holding data, LFS
 * pointers, embedded blobs in text. Symlinks are not followed (a link could point at /dev/zero or at
 * the data directory); one that leaves the repository is reported.
 */
export async function scanTrackedFiles(
  root: string,
  files: readonly string[],
  options: ScanOptions = DEFAULT_SCAN,
): Promise<FileObservation[]> {
  const results: FileObservation[][] = new Array(files.length);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const index = next++;
      const file = files[index]!;
      try {
        results[index] = await scanOne(root, file, options);
      } catch (error) {
        // One unreadable file must not hide the others; it fails the guard on its own.
        results[index] = [
          { file, type: 'unreadable', code: (error as NodeJS.ErrnoException).code ?? 'read error' },
        ];
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, files.length) }, worker));
  return results.flat();
}

async function scanOne(root: string, file: string, options: ScanOptions): Promise<FileObservation[]> {
  const full = path.join(root, file);
  let stat: Awaited<ReturnType<typeof lstat>>;
  try {
    stat = await lstat(full);
  } catch {
    return []; // deleted in the work tree: nothing to publish
  }
  if (stat.isSymbolicLink()) {
    const target = path.resolve(path.dirname(full), await readlink(full));
    return isInside(root, target) ? [] : [{ file, type: 'symlink-escape' }];
  }
  if (!stat.isFile() || stat.size === 0) return [];
  const handle = await open(full, 'r');
  try {
    return await inspectContent(file, fileSource(handle, stat.size), options);
  } finally {
    await handle.close();
  }
}
