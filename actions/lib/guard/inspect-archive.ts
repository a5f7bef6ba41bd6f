import { inflateRawSync } from 'node:zlib';
import {
  type ArchiveLimits,
  DEFAULT_ARCHIVE_LIMITS,
  type MemberVisitor,
  wantsWhole,
} from './archive-limits.js';
import { type ByteSource, bufferSource } from './byte-source.js';
import { type ArchiveKind, type DataKind, detectContent, type OpaqueKind } from './detect-data-file.js';
import { gunzipChunks, InflateLimitError, inflatePrefix } from './inflate.js';
import { scanTar } from './inspect-tar.js';
import { readZipDirectory } from './inspect-zip.js';

/** A data file (or an archive the guard cannot open) found inside an archive. */
export interface ArchiveHit {
  /** Path inside the archive; nested archives join with `/` (`outer.zip` → `inner.tar/a.dcm`). */
  member: string;
  kind: DataKind | OpaqueKind;
}

/** What an archive holds that matters: data members, and reasons parts of it could not be read. */
export interface ArchiveInspection {
  hits: ArchiveHit[];
  /** Why (part of) the archive could not be inspected; a guard treats these as failures, not passes. */
  problems: string[];
}

/** Lists the imaging data inside a zip, gzip or tar archive, recursing into nested archives. */
export async function inspectArchive(
  source: ByteSource,
  kind: ArchiveKind,
  limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS,
  depth = 0,
): Promise<ArchiveInspection> {
  const result: ArchiveInspection = { hits: [], problems: [] };
  const visit: MemberVisitor = (name, head, whole) =>
    classifyMember(name, head, whole, limits, depth, result);
  try {
    if (kind === 'zip') await inspectZip(source, limits, visit, result);
    else if (kind === 'tar') await scanTar(source.chunks(), limits, visit, result.problems);
    else await inspectGzip(source, limits, visit, result, depth);
  } catch (error) {
    result.problems.push(error instanceof InflateLimitError ? error.message : `unreadable ${kind} archive`);
  }
  return result;
}

async function classifyMember(
  name: string,
  head: Buffer,
  whole: Buffer | undefined,
  limits: ArchiveLimits,
  depth: number,
  out: ArchiveInspection,
): Promise<void> {
  const detection = detectContent(head);
  if (detection.class === 'data' || detection.class === 'opaque-archive') {
    out.hits.push({ member: name, kind: detection.kind });
    return;
  }
  if (detection.class !== 'archive') return;
  if (depth + 1 >= limits.maxDepth) {
    out.problems.push(`${name}: archives nested deeper than ${limits.maxDepth} levels`);
    return;
  }
  if (whole === undefined && detection.kind === 'gzip') {
    // A large gzipped member (a .nii.gz in a tar): its inflated head says what it is.
    const inner = await inflatePrefix(head, 'gzip', limits.memberHeadBytes);
    const innerDetection = detectContent(inner);
    if (innerDetection.class === 'data' || innerDetection.class === 'opaque-archive') {
      out.hits.push({ member: name, kind: innerDetection.kind });
    } else if (innerDetection.class === 'archive') {
      out.problems.push(`${name}: compressed archive too large to inspect`);
    }
    return;
  }
  if (whole === undefined) {
    out.problems.push(`${name}: nested ${detection.kind} archive too large to inspect`);
    return;
  }
  const nested = await inspectArchive(bufferSource(whole), detection.kind, limits, depth + 1);
  for (const hit of nested.hits)
    out.hits.push({ member: hit.member ? `${name}/${hit.member}` : name, kind: hit.kind });
  for (const problem of nested.problems) out.problems.push(`${name}/${problem}`);
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
  // extra field, data, optional descriptor). Stray bytes are invisible to every unzip tool but still
  // in the repository, and overlapping members are read differently by different tools: a data
  // file hidden either way must not pass.
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
  stray -= 16 * spans.length; // a data descriptor may follow each member's data
  if (stray > 64) out.problems.push(`${stray} bytes belong to no member`);
  for (const [i, entry] of directory.entries.entries()) {
    if (entry.name.endsWith('/') || (entry.uncompressedSize === 0 && entry.compressedSize === 0)) continue;
    if (entry.method === 0 && entry.compressedSize !== entry.uncompressedSize) {
      out.problems.push(`${entry.name}: stored member whose sizes disagree`);
      continue;
    }
    if (entry.encrypted) {
      out.problems.push(`${entry.name}: encrypted member`);
      continue;
    }
    if (entry.method !== 0 && entry.method !== 8) {
      out.problems.push(`${entry.name}: compression method ${entry.method} is not inspectable`);
      continue;
    }
    const local = locals[i]!;
    if (local.length < 30 || local.readUInt32LE(0) !== 0x04034b50) {
      out.problems.push(`${entry.name}: local header missing`);
      continue;
    }
    const localNameLength = local.readUInt16LE(26);
    const localName = await source.read(entry.localHeaderOffset + 30, localNameLength);
    if (localName.toString('utf8') !== entry.name) {
      // Tools disagree on where such a member's data starts: it cannot be read reliably, and the
      // offset we would read from may miss data that another tool extracts.
      out.problems.push(`${entry.name}: local header disagrees with the central directory`);
      continue;
    }
    const dataStart = entry.localHeaderOffset + 30 + localNameLength + local.readUInt16LE(28);
    if (dataStart + entry.compressedSize > source.size) {
      out.problems.push(`${entry.name}: member runs past the end of the archive`);
      continue;
    }
    const stored = entry.method === 0;
    // Deflate never shrinks data by less than a few bytes per 64 KiB block, so this input covers the head.
    const headInput = await source.read(
      dataStart,
      Math.min(entry.compressedSize, limits.memberHeadBytes + 1024),
    );
    const head = stored
      ? headInput.subarray(0, limits.memberHeadBytes)
      : await inflatePrefix(headInput, 'raw', limits.memberHeadBytes);
    let whole: Buffer | undefined;
    if (wantsWhole(head, entry.uncompressedSize, limits)) {
      const compressed = await source.read(dataStart, entry.compressedSize);
      try {
        whole = stored
          ? compressed
          : inflateRawSync(compressed, { maxOutputLength: limits.nestedArchiveBytes });
      } catch {
        out.problems.push(`${entry.name}: member does not inflate within ${limits.nestedArchiveBytes} bytes`);
        continue;
      }
    }
    await visit(entry.name, head, whole);
  }
}

async function inspectGzip(
  source: ByteSource,
  limits: ArchiveLimits,
  visit: MemberVisitor,
  out: ArchiveInspection,
  depth: number,
): Promise<void> {
  const headInput = await source.read(0, limits.memberHeadBytes + 1024);
  const head = await inflatePrefix(headInput, 'gzip', limits.memberHeadBytes);
  if (head.length === 0) {
    out.problems.push('gzip stream does not inflate');
    return;
  }
  const inner = detectContent(head);
  if (inner.class === 'archive' && inner.kind === 'tar') {
    // A .tar.gz: stream it through, bounded, so every member's header is seen.
    await scanTar(gunzipChunks(source.chunks(), limits.maxInflatedBytes), limits, visit, out.problems);
    return;
  }
  if (inner.class === 'archive' && depth + 1 < limits.maxDepth) {
    const chunks: Buffer[] = [];
    for await (const chunk of gunzipChunks(source.chunks(), limits.nestedArchiveBytes)) chunks.push(chunk);
    const nested = await inspectArchive(bufferSource(Buffer.concat(chunks)), inner.kind, limits, depth + 1);
    out.hits.push(...nested.hits);
    out.problems.push(...nested.problems);
    return;
  }
  // The gzip's single member has no name of its own: it is the archive's content.
  await visit('', head, undefined);
}
