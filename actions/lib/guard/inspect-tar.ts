import { type ArchiveLimits, type MemberVisitor, wantsWhole } from './archive-limits.js';
import { ChunkReader } from './byte-source.js';
import { isTarHeader } from './detect-data-file.js';

/**
 * Walks a tar stream header by header (ustar, GNU long names, pax paths), giving each regular member's
 * head to `visit` and skipping the rest of its data. Problems (corrupt headers, too many members) are
 * appended to `problems`.
 */
export async function scanTar(
  chunks: AsyncIterable<Buffer>,
  limits: ArchiveLimits,
  visit: MemberVisitor,
  problems: string[],
): Promise<void> {
  const reader = new ChunkReader(chunks);
  let longName: string | undefined;
  let members = 0;
  for (;;) {
    const header = await reader.read(512);
    if (header.length < 512 || header.every((b) => b === 0)) return;
    if (!isTarHeader(header)) {
      problems.push('tar header is corrupt');
      return;
    }
    if (++members > limits.maxEntries) {
      problems.push(`tar with more than ${limits.maxEntries} members`);
      return;
    }
    const size = tarSize(header);
    if (size === undefined) {
      problems.push('tar member size is corrupt');
      return;
    }
    const padding = (512 - (size % 512)) % 512;
    const type = String.fromCharCode(header[156]!);
    if (type === 'L' || type === 'x') {
      const body = await reader.read(Math.min(size, 1024 * 1024));
      await reader.skip(size - body.length + padding);
      longName = type === 'L' ? body.toString('utf8').replace(/\0.*$/s, '') : (paxPath(body) ?? longName);
      continue;
    }
    const name = longName ?? headerName(header);
    longName = undefined;
    if (type !== '0' && type !== '\0' && type !== '7') {
      if (!(await reader.skip(size + padding))) return;
      continue;
    }
    const head = await reader.read(Math.min(size, limits.memberHeadBytes));
    let whole: Buffer | undefined;
    if (wantsWhole(head, size, limits)) {
      whole = Buffer.concat([head, await reader.read(size - head.length)]);
    } else {
      await reader.skip(size - head.length);
    }
    await reader.skip(padding);
    if (size > 0) await visit(name, head, whole);
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
  if ((header[124]! & 0x80) !== 0) {
    let value = 0;
    for (let i = 125; i < 136; i++) value = value * 256 + header[i]!;
    return value;
  }
  const text = header.toString('latin1', 124, 136).replace(/[\0 ]/g, '');
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) return undefined;
  return Number.parseInt(text, 8);
}

/** The `path` record of a pax extended header ("<len> path=<value>\n" records). */
function paxPath(body: Buffer): string | undefined {
  const match = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(body.toString('utf8'));
  return match?.[1];
}
