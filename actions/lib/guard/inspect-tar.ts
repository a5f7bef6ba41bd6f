import type { ArchiveLimits, MemberVisitor } from './archive-limits.js';
import { ChunkReader } from './byte-source.js';
import { isTarHeader } from './detect-data-file.js';

/** Header types whose data is metadata for the next member, not a member of its own. */
const METADATA = new Set(['L', 'K', 'x', 'g', 'X']);
/** Types that carry no data; Python's tarfile reads the next header right after them whatever the size. */
const NO_DATA = new Set(['1', '2', '3', '4', '5', '6']);

/**
 * Walks a tar stream header by header (ustar, GNU long names and links, pax paths and sizes, base-256
 * sizes, sparse and contiguous files, hard links) and gives every member that carries bytes to
 * `visit`, whatever its type: tools extract unknown types as regular files. Metadata bodies are
 * visited too (a pax record can carry anything). Bytes after the end-of-archive blocks are a problem.
 */
export async function scanTar(
  chunks: AsyncIterable<Buffer>,
  limits: ArchiveLimits,
  visit: MemberVisitor,
  problems: string[],
): Promise<void> {
  const reader = new ChunkReader(chunks);
  let longName: string | undefined;
  let paxSize: number | undefined;
  let members = 0;
  for (;;) {
    const header = await reader.read(512);
    if (header.length === 0) return;
    if (header.length < 512) {
      if (header.some((b) => b !== 0)) problems.push('tar ends inside a header');
      return;
    }
    if (header.every((b) => b === 0)) {
      await checkTrailer(reader, problems);
      return;
    }
    if (!isTarHeader(header)) {
      problems.push('tar header is corrupt');
      return;
    }
    if (++members > limits.maxEntries) {
      problems.push(`tar with more than ${limits.maxEntries} members`);
      return;
    }
    const stated = tarSize(header);
    if (stated === undefined) {
      problems.push('tar member size is corrupt');
      return;
    }
    const type = String.fromCharCode(header[156]!);
    // A pax `size` record overrides the header's (GNU tar and bsdtar both honour it).
    const size = !METADATA.has(type) && paxSize !== undefined ? paxSize : stated;
    const padding = (512 - (size % 512)) % 512;
    const name = METADATA.has(type)
      ? `${headerName(header)} (${type} header)`
      : (longName ?? headerName(header));
    if (METADATA.has(type)) {
      const body = await reader.read(Math.min(size, 1024 * 1024));
      if (!(await reader.skip(size - body.length + padding)))
        return void problems.push('tar ends inside a member');
      if (type === 'L') longName = body.toString('utf8').replace(/\0.*$/s, '');
      if (type === 'x' || type === 'X') {
        longName = paxRecord(body, 'path') ?? longName;
        const recorded = paxRecord(body, 'size');
        paxSize = recorded !== undefined && /^\d+$/.test(recorded) ? Number(recorded) : paxSize;
      }
      if (body.length > 0) await visit(name, body, body);
      continue;
    }
    longName = undefined;
    paxSize = undefined;
    if (size === 0) continue;
    if (NO_DATA.has(type)) {
      // Readers disagree on whether such a member's bytes follow it, so on where the next header is.
      problems.push(`a member: link, directory or device member that states a size`);
      return;
    }
    const whole = size <= limits.nestedArchiveBytes;
    const head = await reader.read(whole ? size : Math.min(size, limits.memberHeadBytes));
    if (head.length < (whole ? size : Math.min(size, limits.memberHeadBytes))) {
      problems.push(`a member: tar ends inside the member`);
      if (head.length > 0) await visit(name, head, head);
      return;
    }
    if (!whole && !(await reader.skip(size - head.length)))
      return void problems.push('tar ends inside a member');
    await reader.skip(padding);
    await visit(name, head.subarray(0, limits.memberHeadBytes), whole ? head : undefined);
  }
}

/** After the end-of-archive block only zeros may follow; anything else is hidden from tar. */
async function checkTrailer(reader: ChunkReader, problems: string[]): Promise<void> {
  for (;;) {
    const block = await reader.read(64 * 1024);
    if (block.length === 0) return;
    if (block.some((b) => b !== 0)) {
      problems.push('bytes after the end of the tar archive');
      return;
    }
  }
}

function headerName(header: Buffer): string {
  const field = (at: number, length: number) =>
    header.toString('utf8', at, at + length).replace(/\0.*$/s, '');
  const name = field(0, 100);
  const prefix = header.toString('latin1', 257, 262) === 'ustar' ? field(345, 155) : '';
  return prefix ? `${prefix}/${name}` : name;
}

/** Octal, or GNU base-256 for members of 8 GiB and more. */
function tarSize(header: Buffer): number | undefined {
  if (header[124] === 0x80) {
    let value = 0;
    for (let i = 125; i < 136; i++) value = value * 256 + header[i]!;
    return value;
  }
  if ((header[124]! & 0x80) !== 0) return undefined; // negative base-256
  const text = header.toString('latin1', 124, 136).replace(/[\0 ]/g, '');
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) return undefined;
  return Number.parseInt(text, 8);
}

/** One record of a pax extended header ("<len> key=value\n" records). */
function paxRecord(body: Buffer, key: string): string | undefined {
  const match = new RegExp(`(?:^|\\n)\\d+ ${key}=([^\\n]*)\\n`).exec(body.toString('utf8'));
  return match?.[1];
}
