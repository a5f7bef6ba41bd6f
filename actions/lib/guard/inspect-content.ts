import { brotliDecompressSync, constants, inflateRawSync } from 'node:zlib';
import { type ArchiveLimits, DEFAULT_ARCHIVE_LIMITS, type InflateBudget } from './archive-limits.js';
import type { ByteSource } from './byte-source.js';
import { binaryReason, profileContent } from './content-profile.js';
import {
  type BinaryFormat,
  type DataKind,
  detectContent,
  type OpaqueKind,
  type PointerKind,
} from './detect-data-file.js';
import { notebookImageCount } from './detect-formats/notebook-images.js';
import { pdfHasImages } from './detect-formats/pdf-images.js';
import { findMarkers } from './find-markers.js';
import { type ArchiveHit, inspectArchive } from './inspect-archive.js';
import { DEFAULT_TEXT_SCAN, type EmbeddedBlob, scanText, type TextScanOptions } from './scan-text.js';

/**
 * The observation kinds by `type`, with what each carries besides the file. Other parts of the guard
 * add their own kinds without touching this file, by declaration merging:
 * `declare module './inspect-content.js' { interface FileObservationKinds { submodule: { url: string } } }`.
 */
export interface FileObservationKinds {
  data: { kind: DataKind; size: number };
  archive: { kind: string; size: number; hits: ArchiveHit[]; problems: string[] };
  'opaque-archive': { kind: OpaqueKind; size: number };
  'lfs-pointer': Record<never, never>;
  pointer: { kind: Exclude<PointerKind, 'git-lfs'> };
  binary: { size: number; format?: BinaryFormat };
  embedded: { blob: EmbeddedBlob };
  'symlink-escape': Record<never, never>;
  'text-too-large': { size: number };
  unreadable: { code: string };
}

/** What the guard saw in one tracked file. Kinds, sizes and positions only, never content. */
export type FileObservation = {
  [T in keyof FileObservationKinds]: { file: string; type: T } & FileObservationKinds[T];
}[keyof FileObservationKinds];

export interface ScanOptions {
  text: TextScanOptions;
  /** Text files larger than this cannot be scanned for embedded blobs (an error: it cannot be judged). */
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

/** Where a blob sits when it is an archive member: how deep, and the inflate budget it shares. */
export interface Nesting {
  depth: number;
  budget: InflateBudget;
  limits: ArchiveLimits;
}

/**
 * Everything the guard can tell from one blob's bytes, wherever they come from (a work-tree file, a
 * git object, an archive member): data files, archives holding data, pointers, embedded blobs in text.
 * It fails closed: what is not recognised and is not text is reported as binary, an error.
 */
export async function inspectContent(
  file: string,
  source: ByteSource,
  options: ScanOptions = DEFAULT_SCAN,
  nesting: Nesting = { depth: 0, budget: { spent: 0 }, limits: DEFAULT_ARCHIVE_LIMITS },
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
      if (nesting.depth >= nesting.limits.maxDepth) {
        const problems = [`archives nested deeper than ${nesting.limits.maxDepth} levels`];
        return [{ file, type: 'archive', kind: detection.kind, size: source.size, hits: [], problems }];
      }
      const { limits, depth, budget } = nesting;
      const inspection = await inspectArchive(source, detection.kind, limits, depth, budget);
      if (inspection.hits.length === 0 && inspection.problems.length === 0) return [];
      return [{ file, type: 'archive', kind: detection.kind, size: source.size, ...inspection }];
    }
    case 'lfs-pointer':
      return [{ file, type: 'lfs-pointer' }];
    case 'pointer':
      return detection.kind === 'git-lfs'
        ? [{ file, type: 'lfs-pointer' }]
        : [{ file, type: 'pointer', kind: detection.kind }];
    case 'binary':
    case 'text':
      break;
  }
  // Text or binary is judged on the whole blob: binary appended after a text head is still binary.
  const whole = source.size <= options.maxTextBytes ? await readWhole(source, head) : undefined;
  const chunks = () => (whole ? [whole] : source.chunks());
  const format = detection.class === 'binary' ? detection.format : undefined;
  const binary = detection.class === 'binary' || binaryReason(await profileContent(chunks())) !== undefined;
  if (binary) return judgeBinary(file, source, whole, chunks, format, nesting);
  if (!whole) return [{ file, type: 'text-too-large', size: source.size }];
  const text = whole.toString('utf8');
  const observations: FileObservation[] = [];
  const images = notebookImageCount(text);
  if (images) observations.push({ file, type: 'data', kind: 'notebook-images', size: source.size });
  for (const blob of scanText(text, file, options.text)) observations.push({ file, type: 'embedded', blob });
  return observations;
}

/**
 * Raw deflate and brotli streams have no signature; what they inflate to may have one. Only names an
 * error that is reported anyway, so a prefix is enough.
 */
async function decompressedKind(source: ByteSource): Promise<DataKind | undefined> {
  const input = await source.read(0, 256 * 1024);
  const maxOutputLength = 16 * 1024 * 1024;
  const attempts = [
    () => inflateRawSync(input, { maxOutputLength, finishFlush: constants.Z_SYNC_FLUSH }),
    () => brotliDecompressSync(input, { maxOutputLength, finishFlush: constants.BROTLI_OPERATION_FLUSH }),
  ];
  for (const attempt of attempts) {
    try {
      const out = attempt();
      const detection = detectContent(out);
      if (detection.class === 'data') return detection.kind;
    } catch {
      // Not this codec, or more output than the prefix: either way nothing to name.
    }
  }
  return undefined;
}

async function readWhole(source: ByteSource, head: Buffer): Promise<Buffer> {
  return source.size <= head.length ? head : source.read(0, source.size);
}

/** A binary blob: named when a known format hides in it (after a prefix), an unrecognised binary otherwise. */
async function judgeBinary(
  file: string,
  source: ByteSource,
  whole: Buffer | undefined,
  chunks: () => Iterable<Buffer> | AsyncIterable<Buffer>,
  format: BinaryFormat | undefined,
  nesting: Nesting,
): Promise<FileObservation[]> {
  const size = source.size;
  const markers = await findMarkers(chunks());
  if (markers.dicom) return [{ file, type: 'data', kind: 'dicom', size }];
  if (format === 'PDF document' && (!whole || pdfHasImages(whole)))
    return [{ file, type: 'data', kind: 'pdf-images', size }];
  if (markers.zipEnd !== undefined) {
    // unzip finds a zip by its end record, whatever precedes it (a self-extractor, a prepended image).
    const inspection = await inspectArchive(source, 'zip', nesting.limits, nesting.depth, nesting.budget);
    if (inspection.hits.length > 0 || inspection.problems.some((p) => !/central directory|zip64/.test(p)))
      return [{ file, type: 'archive', kind: 'zip', size, ...inspection }];
  }
  if (markers.png) return [{ file, type: 'data', kind: 'png', size }];
  if (markers.jpeg) return [{ file, type: 'data', kind: 'jpeg', size }];
  const compressed = await decompressedKind(source);
  if (compressed) return [{ file, type: 'data', kind: compressed, size }];
  return [{ file, type: 'binary', size, ...(format ? { format } : {}) }];
}
