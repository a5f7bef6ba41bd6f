import { DEFAULT_ARCHIVE_LIMITS } from './archive-limits.js';
import type { ByteSource } from './byte-source.js';
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
 * Everything the guard can tell from one blob's bytes, wherever they come from (a work-tree file, a
 * git object, an archive member): data files, archives holding data, pointers, embedded blobs in text.
 */
export async function inspectContent(
  file: string,
  source: ByteSource,
  options: ScanOptions = DEFAULT_SCAN,
): Promise<FileObservation[]> {
  if (source.size === 0) return [];
  const head = await source.read(0, HEAD_BYTES);
  const detection = detectContent(head);
  switch (detection.class) {
    case 'data':
      return [{ file, type: 'data', kind: detection.kind, size: source.size }];
    case 'opaque-archive':
      return [{ file, type: 'opaque-archive', kind: detection.kind, size: source.size }];
    case 'archive': {
      const inspection = await inspectArchive(source, detection.kind);
      if (inspection.hits.length === 0 && inspection.problems.length === 0) return [];
      return [{ file, type: 'archive', kind: detection.kind, size: source.size, ...inspection }];
    }
    case 'lfs-pointer':
      return [{ file, type: 'lfs-pointer' }];
    case 'binary':
      return [{ file, type: 'binary', size: source.size }];
    case 'text': {
      if (source.size > options.maxTextBytes) return [{ file, type: 'text-too-large', size: source.size }];
      const text = (source.size <= head.length ? head : await source.read(0, source.size)).toString('utf8');
      // Text at the start does not make a text file: binary appended after the first 64 KiB is caught here.
      if (text.includes('\0')) return [{ file, type: 'binary', size: source.size }];
      return scanText(text, file, options.text).map((blob) => ({ file, type: 'embedded', blob }));
    }
  }
}
