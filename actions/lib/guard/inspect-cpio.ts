import type { ArchiveLimits, MemberVisitor } from './archive-limits.js';
import { ChunkReader } from './byte-source.js';

/**
 * Walks a cpio stream: new ASCII (070701, and 070702 with checksums), old portable ASCII (070707) and
 * old binary in either byte order. Every member with bytes goes to `visit`; the `TRAILER!!!` entry
 * ends the archive and only padding may follow it.
 */
export async function scanCpio(
  chunks: AsyncIterable<Buffer>,
  limits: ArchiveLimits,
  visit: MemberVisitor,
  problems: string[],
): Promise<void> {
  const reader = new ChunkReader(chunks);
  let members = 0;
  for (;;) {
    const magic = await reader.read(6);
    if (magic.length === 0) return void problems.push('cpio without a trailer');
    const header = parseHeader(magic, reader);
    const entry = await header;
    if (!entry) return void problems.push('cpio header is corrupt');
    if (++members > limits.maxEntries)
      return void problems.push(`cpio with more than ${limits.maxEntries} members`);
    const name = (await reader.read(entry.nameSize)).toString('utf8').replace(/\0.*$/s, '');
    await reader.skip(pad(entry.headerSize + entry.nameSize, entry.align));
    if (name === 'TRAILER!!!') {
      const rest = await reader.read(64 * 1024 * 1024);
      if (rest.some((b) => b !== 0)) problems.push('bytes after the end of the cpio archive');
      return;
    }
    const whole = entry.size <= limits.nestedArchiveBytes;
    const want = whole ? entry.size : Math.min(entry.size, limits.memberHeadBytes);
    const head = await reader.read(want);
    if (head.length < want) return void problems.push(`a member: cpio ends inside the member`);
    if (!whole && !(await reader.skip(entry.size - head.length)))
      return void problems.push('cpio ends inside a member');
    await reader.skip(pad(entry.size, entry.align));
    if (entry.size > 0) await visit(name, head.subarray(0, limits.memberHeadBytes), whole ? head : undefined);
  }
}

interface CpioEntry {
  headerSize: number;
  nameSize: number;
  size: number;
  /** Name and data are padded to this many bytes (4 for newc, 2 for old binary, 1 for odc). */
  align: number;
}

function pad(length: number, align: number): number {
  return (align - (length % align)) % align;
}

async function parseHeader(magic: Buffer, reader: ChunkReader): Promise<CpioEntry | undefined> {
  const text = magic.toString('latin1');
  if (text === '070701' || text === '070702') {
    const rest = (await reader.read(104)).toString('latin1');
    if (rest.length < 104 || !/^[0-9a-fA-F]{104}$/.test(rest)) return undefined;
    const field = (i: number) => Number.parseInt(rest.slice(i * 8, i * 8 + 8), 16);
    return { headerSize: 110, size: field(6), nameSize: field(11), align: 4 };
  }
  if (text === '070707') {
    const rest = (await reader.read(70)).toString('latin1');
    if (rest.length < 70 || !/^[0-7]{70}$/.test(rest)) return undefined;
    return {
      headerSize: 76,
      nameSize: Number.parseInt(rest.slice(53, 59), 8),
      size: Number.parseInt(rest.slice(59, 70), 8),
      align: 1,
    };
  }
  const le = magic.readUInt16LE(0) === 0o70707;
  if (!le && magic.readUInt16BE(0) !== 0o70707) return undefined;
  const rest = Buffer.concat([magic, await reader.read(20)]);
  if (rest.length < 26) return undefined;
  const u16 = (at: number) => (le ? rest.readUInt16LE(at) : rest.readUInt16BE(at));
  // The 32-bit size is stored as two 16-bit words, most significant first.
  return { headerSize: 26, nameSize: u16(20), size: u16(22) * 65536 + u16(24), align: 2 };
}
