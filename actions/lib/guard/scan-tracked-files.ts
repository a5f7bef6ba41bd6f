import { lstat, open, readFile, readlink } from 'node:fs/promises';
import path from 'node:path';
import { isInside } from '../fs/real-paths.js';
import { DEFAULT_ARCHIVE_LIMITS } from './archive-limits.js';
import { fileSource } from './byte-source.js';
import { type DataKind, detectContent, type OpaqueKind } from './detect-data-file.js';
import { type ArchiveHit, inspectArchive } from './inspect-archive.js';
import { DEFAULT_TEXT_SCAN, type EmbeddedBlob, scanText, type TextScanOptions } from './scan-text.js';

/** What the guard saw in one tracked file. Kinds, sizes and positions only, never content. */
export type FileObservation =
  | { file: string; type: 'data'; kind: DataKind; size: number }
  | { file: string; type: 'archive'; kind: string; size: number; hits: ArchiveHit[]; problems: string[] }
  | { file: string; type: 'opaque-archive'; kind: OpaqueKind; size: number }
  | { file: string; type: 'lfs-pointer' }
  | { file: string; type: 'binary'; size: number }
  | { file: string; type: 'embedded'; blob: EmbeddedBlob }
  | { file: string; type: 'symlink-escape' }
  | { file: string; type: 'text-too-large'; size: number }
  | { file: string; type: 'unreadable'; code: string };

export interface ScanOptions {
  text: TextScanOptions;
  /** Text files larger than this are not scanned for embedded blobs (reported as a warning). */
  maxTextBytes: number;
  /** Files read at once; the scan is I/O bound. */
  concurrency: number;
}

export const DEFAULT_SCAN: ScanOptions = {
  text: DEFAULT_TEXT_SCAN,
  maxTextBytes: 128 * 1024 * 1024,
  concurrency: 16,
};

const HEAD_BYTES = DEFAULT_ARCHIVE_LIMITS.memberHeadBytes;

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
    const source = fileSource(handle, stat.size);
    const head = await source.read(0, HEAD_BYTES);
    const detection = detectContent(head);
    switch (detection.class) {
      case 'data':
        return [{ file, type: 'data', kind: detection.kind, size: stat.size }];
      case 'opaque-archive':
        return [{ file, type: 'opaque-archive', kind: detection.kind, size: stat.size }];
      case 'archive': {
        const inspection = await inspectArchive(source, detection.kind);
        if (inspection.hits.length === 0 && inspection.problems.length === 0) return [];
        return [{ file, type: 'archive', kind: detection.kind, size: stat.size, ...inspection }];
      }
      case 'lfs-pointer':
        return [{ file, type: 'lfs-pointer' }];
      case 'binary':
        return [{ file, type: 'binary', size: stat.size }];
      case 'text': {
        if (stat.size > options.maxTextBytes) return [{ file, type: 'text-too-large', size: stat.size }];
        const text = stat.size <= head.length ? head.toString('utf8') : await readFile(full, 'utf8');
        // Text at the start does not make a text file: binary appended after the first 64 KiB is caught here.
        if (text.includes('\0')) return [{ file, type: 'binary', size: stat.size }];
        return scanText(text, file, options.text).map((blob) => ({ file, type: 'embedded', blob }));
      }
    }
  } finally {
    await handle.close();
  }
}
