import { inflateRawSync } from 'node:zlib';
import {
  type ArchiveLimits,
  DEFAULT_ARCHIVE_LIMITS,
  type InflateBudget,
  type MemberVisitor,
  wantsWhole,
} from './archive-limits.js';
import { type ByteSource, bufferSource } from './byte-source.js';
import { type ArchiveKind, detectContent } from './detect-data-file.js';
import { InflateLimitError, inflateChunks, inflatePrefix } from './inflate.js';
import { scanAr } from './inspect-ar.js';
import { DEFAULT_SCAN, type FileObservation, inspectContent } from './inspect-content.js';
import { scanCpio } from './inspect-cpio.js';
import { scanTar } from './inspect-tar.js';
import { MAX_HIDDEN_FIELD, readZipDirectory } from './inspect-zip.js';

/** Something inside an archive that must not be tracked: data, an opaque archive, unrecognised binary. */
export interface ArchiveHit {
  /** Path inside the archive; nested archives join with `/` (`outer.zip` → `inner.tar/a.dcm`). */
  member: string;
  /** A data or opaque-archive kind, `unrecognised binary`, a pointer or an embedded payload. */
  kind: string;
}

/** What an archive holds that matters: data members, and reasons parts of it could not be read. */
export interface ArchiveInspection {
  hits: ArchiveHit[];
  /** Why (part of) the archive could not be inspected; a guard treats these as failures, not passes. */
  problems: string[];
}

/**
 * Lists what must not be tracked inside an archive (zip, tar, cpio, ar, gzip or zlib stream): every
 * member is inspected like a file, nested archives included, within the limits. Whatever cannot be
 * inspected within them is a problem, never a pass.
 */
export async function inspectArchive(
  source: ByteSource,
  kind: ArchiveKind,
  limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS,
  depth = 0,
  budget: InflateBudget = { spent: 0 },
): Promise<ArchiveInspection> {
  const result: ArchiveInspection = { hits: [], problems: [] };
  const visit: MemberVisitor = async (name, head, whole) => {
    if (whole) spend(budget, whole.length, limits);
    await classifyMember(name, head, whole, limits, depth, budget, result);
  };
  try {
    if (kind === 'zip') await inspectZip(source, limits, visit, result);
    else if (kind === 'tar') await scanTar(source.chunks(), limits, visit, result.problems);
    else if (kind === 'cpio') await scanCpio(source.chunks(), limits, visit, result.problems);
    else if (kind === 'ar') await scanAr(source.chunks(), limits, visit, result.problems);
    else await inspectCompressed(source, kind, limits, visit, result, budget);
  } catch (error) {
    result.problems.push(error instanceof InflateLimitError ? error.message : `unreadable ${kind} archive`);
  }
  return result;
}

function spend(budget: InflateBudget, bytes: number, limits: ArchiveLimits): void {
  budget.spent += bytes;
  if (budget.spent > limits.maxInflatedBytes)
    throw new InflateLimitError(`inflates to more than ${limits.maxInflatedBytes} bytes`);
}

async function classifyMember(
  name: string,
  head: Buffer,
  whole: Buffer | undefined,
  limits: ArchiveLimits,
  depth: number,
  budget: InflateBudget,
  out: ArchiveInspection,
): Promise<void> {
  if (whole !== undefined) {
    const observations = await inspectContent(name, bufferSource(whole), DEFAULT_SCAN, {
      depth: depth + 1,
      budget,
      limits,
    });
    for (const o of observations) addObservation(o, out);
    return;
  }
  // Too large to read whole: judged by its head, and what cannot be judged that way is a problem.
  const detection = detectContent(head);
  switch (detection.class) {
    case 'data':
    case 'opaque-archive':
      out.hits.push({ member: name, kind: detection.kind });
      return;
    case 'lfs-pointer':
    case 'pointer':
      out.hits.push({ member: name, kind: 'pointer' });
      return;
    case 'binary':
      out.hits.push({ member: name, kind: detection.format ?? 'unrecognised binary' });
      return;
    case 'text':
      out.problems.push(`a member: member of more than ${limits.nestedArchiveBytes} bytes`);
      return;
    case 'archive': {
      if (detection.kind === 'gzip' || detection.kind === 'zlib') {
        // A large compressed member (a .nii.gz in a tar): its inflated head says what it is.
        const inner = detectContent(await inflatePrefix(head, detection.kind, limits.memberHeadBytes));
        if (inner.class === 'data' || inner.class === 'opaque-archive') {
          out.hits.push({ member: name, kind: inner.kind });
          return;
        }
      }
      out.problems.push(`a member: nested ${detection.kind} archive too large to inspect`);
    }
  }
}

/** Folds a member's observations into its archive's hits and problems. */
function addObservation(o: FileObservation, out: ArchiveInspection): void {
  const name = o.file;
  switch (o.type) {
    case 'data':
    case 'opaque-archive':
      out.hits.push({ member: name, kind: o.kind });
      break;
    case 'archive':
      for (const hit of o.hits)
        out.hits.push({ member: hit.member ? `${name}/${hit.member}` : name, kind: hit.kind });
      for (const problem of o.problems) out.problems.push(name ? `in a nested archive, ${problem}` : problem);
      break;
    case 'lfs-pointer':
      out.hits.push({ member: name, kind: 'git-lfs pointer' });
      break;
    case 'pointer':
      out.hits.push({ member: name, kind: `${o.kind} pointer` });
      break;
    case 'binary':
      out.hits.push({ member: name, kind: o.format ?? 'unrecognised binary' });
      break;
    case 'embedded':
      out.hits.push({
        member: name,
        kind: `${o.blob.kind} payload (${o.blob.decodesTo ?? o.blob.mediaType ?? 'data'})`,
      });
      break;
    case 'text-too-large':
      out.problems.push(`a member: text member too large to scan`);
      break;
    case 'unreadable':
      out.problems.push(`a member: unreadable`);
      break;
    default:
      out.problems.push(`a member: ${o.type}`);
  }
}

async function inspectZip(
  source: ByteSource,
  limits: ArchiveLimits,
  visit: MemberVisitor,
  out: ArchiveInspection,
): Promise<void> {
  const directory = await readZipDirectory(source, limits.maxEntries);
  if ('problem' in directory) {
    out.problems.push(directory.problem);
    return;
  }
  // Every byte before the central directory belongs to exactly one member (local header, name,
  // extra field, data, optional descriptor). Stray bytes (a prefix, a gap) are invisible to every
  // unzip tool but still in the repository, and overlapping members are read differently by
  // different tools: a data file hidden either way must not pass.
  const spans: [number, number][] = [];
  // Each local header is read once, here, and kept for the member pass below.
  const locals: Buffer[] = [];
  for (const entry of directory.entries) {
    const local = await source.read(entry.localHeaderOffset, 30);
    locals.push(local);
    if (local.length < 30) continue;
    const end =
      entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28) + entry.compressedSize;
    spans.push([entry.localHeaderOffset, end]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  let stray = directory.strayBytes;
  let at = 0;
  for (const [start, end] of spans) {
    if (start < at) {
      out.problems.push('zip members overlap');
      break;
    }
    stray += start - at;
    at = end;
  }
  if (at > directory.directoryOffset) out.problems.push('a zip member runs into the central directory');
  else stray += directory.directoryOffset - at;
  stray -= 24 * spans.length; // a data descriptor (zip64: 24 bytes) may follow each member's data
  if (stray > 64) out.problems.push(`${stray} bytes belong to no member`);
  for (const [i, entry] of directory.entries.entries()) {
    if (entry.name.endsWith('/') && entry.compressedSize === 0) continue;
    if (entry.uncompressedSize === 0 && entry.compressedSize === 0) continue;
    if (entry.method === 0 && entry.compressedSize !== entry.uncompressedSize) {
      out.problems.push(`a member: stored member whose sizes disagree`);
      continue;
    }
    if (entry.encrypted) {
      out.problems.push(`a member: encrypted member`);
      continue;
    }
    if (entry.method !== 0 && entry.method !== 8) {
      out.problems.push(`a member: compression method ${entry.method} is not inspectable`);
      continue;
    }
    const local = locals[i]!;
    if (local.length < 30 || local.readUInt32LE(0) !== 0x04034b50) {
      out.problems.push(`a member: local header missing`);
      continue;
    }
    const localNameLength = local.readUInt16LE(26);
    const localName = await source.read(entry.localHeaderOffset + 30, localNameLength);
    if (localName.toString('utf8') !== entry.name) {
      // Tools disagree on where such a member's data starts: it cannot be read reliably, and the
      // offset we would read from may miss data that another tool extracts.
      out.problems.push(`a member: local header disagrees with the central directory`);
      continue;
    }
    if (local.readUInt16LE(28) > MAX_HIDDEN_FIELD) {
      out.problems.push(`a member: local extra field of ${local.readUInt16LE(28)} bytes`);
      continue;
    }
    const dataStart = entry.localHeaderOffset + 30 + localNameLength + local.readUInt16LE(28);
    if (dataStart + entry.compressedSize > source.size) {
      out.problems.push(`a member: member runs past the end of the archive`);
      continue;
    }
    const stored = entry.method === 0;
    let head: Buffer;
    let whole: Buffer | undefined;
    if (wantsWhole(Buffer.alloc(0), entry.uncompressedSize, limits)) {
      const compressed = await source.read(dataStart, entry.compressedSize);
      try {
        whole = stored
          ? compressed
          : inflateRawSync(compressed, { maxOutputLength: limits.nestedArchiveBytes });
      } catch {
        out.problems.push(`a member: member does not inflate within ${limits.nestedArchiveBytes} bytes`);
        continue;
      }
      head = whole.subarray(0, limits.memberHeadBytes);
    } else {
      // Deflate never shrinks data by less than a few bytes per 64 KiB block, so this input covers the head.
      const headInput = await source.read(
        dataStart,
        Math.min(entry.compressedSize, limits.memberHeadBytes + 1024),
      );
      head = stored
        ? headInput.subarray(0, limits.memberHeadBytes)
        : await inflatePrefix(headInput, 'raw', limits.memberHeadBytes);
    }
    await visit(entry.name, head, whole);
  }
}

/** A gzip or zlib stream: a .tar.gz is walked member by member, anything else inspected as the file it holds. */
async function inspectCompressed(
  source: ByteSource,
  format: 'gzip' | 'zlib',
  limits: ArchiveLimits,
  visit: MemberVisitor,
  out: ArchiveInspection,
  budget: InflateBudget,
): Promise<void> {
  const headInput = await source.read(0, limits.memberHeadBytes + 1024);
  if (format === 'gzip') {
    const hidden = gzipHeaderExtras(headInput);
    if (hidden > MAX_HEADER_EXTRAS)
      out.problems.push(`gzip header fields carry ${hidden} bytes gunzip does not output`);
  }
  const head = await inflatePrefix(headInput, format, limits.memberHeadBytes);
  if (head.length === 0) {
    out.problems.push(`${format} stream does not inflate`);
    return;
  }
  let consumed = -1;
  const onEnd = (bytes: number) => {
    consumed = bytes;
  };
  const left = Math.max(0, limits.maxInflatedBytes - budget.spent);
  const inner = detectContent(head);
  if (inner.class === 'archive' && inner.kind === 'tar') {
    // A .tar.gz: stream it through, bounded, so every member's header is seen.
    await scanTar(
      metered(inflateChunks(source.chunks(), format, left, onEnd), budget, limits),
      limits,
      visit,
      out.problems,
    );
  } else {
    const chunks: Buffer[] = [];
    let whole: Buffer | undefined;
    try {
      for await (const chunk of inflateChunks(
        source.chunks(),
        format,
        Math.min(left, limits.nestedArchiveBytes),
        onEnd,
      ))
        chunks.push(chunk);
      whole = Buffer.concat(chunks);
    } catch (error) {
      if (!(error instanceof InflateLimitError)) throw error;
    }
    // The stream's single member has no name of its own: it is the archive's content.
    await visit('', head, whole);
  }
  if (consumed >= 0 && consumed < source.size)
    out.problems.push(`${source.size - consumed} bytes after the end of the ${format} stream`);
}

/** Extra field, name and comment bytes of a gzip header: room for a payload gunzip never shows. */
const MAX_HEADER_EXTRAS = 256;

function gzipHeaderExtras(header: Buffer): number {
  if (header.length < 10) return 0;
  const flags = header[3]!;
  let at = 10;
  let bytes = 0;
  if (flags & 4) {
    const length = header.length >= 12 ? header.readUInt16LE(10) : 0;
    bytes += length;
    at += 2 + length;
  }
  for (const flag of [8, 16]) {
    if (!(flags & flag)) continue;
    const end = header.indexOf(0, at);
    const length = (end < 0 ? header.length : end) - at;
    bytes += length;
    at += length + 1;
  }
  return bytes;
}

async function* metered(
  chunks: AsyncIterable<Buffer>,
  budget: InflateBudget,
  limits: ArchiveLimits,
): AsyncIterable<Buffer> {
  for await (const chunk of chunks) {
    spend(budget, chunk.length, limits);
    yield chunk;
  }
}
