import type { ArchiveLimits, MemberVisitor } from './archive-limits.js';
import { ChunkReader } from './byte-source.js';

/**
 * Walks a Unix ar archive (`!<arch>`: System V/GNU and BSD `#1/<n>` long names). A thin archive
 * (`!<thin>`) holds no member data. Every member with bytes, symbol tables included, goes to `visit`.
 */
export async function scanAr(
  chunks: AsyncIterable<Buffer>,
  limits: ArchiveLimits,
  visit: MemberVisitor,
  problems: string[],
): Promise<void> {
  const reader = new ChunkReader(chunks);
  const magic = (await reader.read(8)).toString('latin1');
  const thin = magic === '!<thin>\n';
  let members = 0;
  for (;;) {
    const header = await reader.read(60);
    if (header.length === 0) return;
    if (header.length < 60 || header.toString('latin1', 58, 60) !== '`\n')
      return void problems.push('ar header is corrupt');
    if (++members > limits.maxEntries)
      return void problems.push(`ar with more than ${limits.maxEntries} members`);
    const sizeText = header.toString('latin1', 48, 58).trim();
    if (!/^\d+$/.test(sizeText)) return void problems.push('ar member size is corrupt');
    let size = Number(sizeText);
    let name = header.toString('latin1', 0, 16).trim();
    const bsd = /^#1\/(\d+)$/.exec(name);
    if (bsd) {
      const length = Number(bsd[1]);
      name = (await reader.read(length)).toString('utf8').replace(/\0.*$/s, '');
      size -= length;
    }
    const padding = (size + (bsd ? Number(bsd[1]) : 0)) % 2;
    // Thin archives keep only the symbol and name tables; members live in other files.
    const carriesData = !thin || name === '/' || name === '//' || name === '/SYM64/';
    if (!carriesData || size <= 0) {
      if (size > 0 || padding) await reader.skip(Math.max(0, size) + padding);
      continue;
    }
    const whole = size <= limits.nestedArchiveBytes;
    const want = whole ? size : Math.min(size, limits.memberHeadBytes);
    const head = await reader.read(want);
    if (head.length < want) return void problems.push(`a member: ar ends inside the member`);
    if (!whole && !(await reader.skip(size - head.length)))
      return void problems.push('ar ends inside a member');
    await reader.skip(padding);
    await visit(name, head.subarray(0, limits.memberHeadBytes), whole ? head : undefined);
  }
}
