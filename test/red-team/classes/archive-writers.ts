/** Archive writers byte by byte, for the member types and framings a naive reader skips. */
import { execFileSync } from 'node:child_process';

function octal(n: number, width: number): string {
  return `${n.toString(8).padStart(width - 1, '0')}\0`;
}

/** One ustar header block with `type` as its typeflag. */
function tarHeader(name: string, size: number, type: string): Buffer {
  const h = Buffer.alloc(512);
  h.write(name.slice(0, 99), 0, 'utf8');
  h.write(octal(0o644, 8), 100, 'latin1');
  h.write(octal(0, 8), 108, 'latin1');
  h.write(octal(0, 8), 116, 'latin1');
  h.write(octal(size, 12), 124, 'latin1');
  h.write(octal(0, 12), 136, 'latin1');
  h.write('        ', 148, 'latin1');
  h.write(type, 156, 'latin1');
  h.write('ustar\0', 257, 'latin1');
  h.write('00', 263, 'latin1');
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return h;
}

const pad = (n: number) => Buffer.alloc((512 - (n % 512)) % 512);

export interface TarMember {
  name: string;
  data: Buffer;
  /** typeflag: '0' regular, '7' contiguous, … */
  type?: string;
  /** Write the name through a GNU `L` long-name record or a pax `x` header. */
  longName?: 'gnu' | 'pax';
}

export function tar(members: readonly TarMember[]): Buffer {
  const blocks: Buffer[] = [];
  for (const m of members) {
    if (m.longName === 'gnu') {
      const name = Buffer.from(`${m.name}\0`);
      blocks.push(tarHeader('././@LongLink', name.length, 'L'), name, pad(name.length));
    } else if (m.longName === 'pax') {
      const record = (body: string) => {
        let len = body.length + 3;
        while (`${len} ${body}\n`.length !== len) len = `${len} ${body}\n`.length;
        return `${len} ${body}\n`;
      };
      const pax = Buffer.from(record(`path=${m.name}`));
      blocks.push(tarHeader('PaxHeaders/x', pax.length, 'x'), pax, pad(pax.length));
    }
    const shortName = m.longName ? 'x' : m.name;
    blocks.push(tarHeader(shortName, m.data.length, m.type ?? '0'), m.data, pad(m.data.length));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

/** cpio "newc" (070701) or "odc" (070707). */
export function cpio(members: readonly { name: string; data: Buffer }[], format: 'newc' | 'odc'): Buffer {
  const parts: Buffer[] = [];
  const entry = (name: string, data: Buffer, mode: number) => {
    const nameZ = Buffer.from(`${name}\0`);
    if (format === 'odc') {
      const o = (n: number, w: number) => n.toString(8).padStart(w, '0');
      parts.push(
        Buffer.from(
          `070707${o(0, 6)}${o(1, 6)}${o(mode, 6)}${o(0, 6)}${o(0, 6)}${o(1, 6)}${o(0, 6)}${o(0, 11)}${o(nameZ.length, 6)}${o(data.length, 11)}`,
        ),
        nameZ,
        data,
      );
      return;
    }
    const h = (n: number) => n.toString(16).padStart(8, '0');
    const header = Buffer.from(
      `070701${h(1)}${h(mode)}${h(0)}${h(0)}${h(1)}${h(0)}${h(data.length)}${h(0)}${h(0)}${h(0)}${h(0)}${h(nameZ.length)}${h(0)}`,
    );
    const align = (n: number) => Buffer.alloc((4 - (n % 4)) % 4);
    parts.push(header, nameZ, align(header.length + nameZ.length), data, align(data.length));
  };
  for (const m of members) entry(m.name, m.data, 0o100644);
  entry('TRAILER!!!', Buffer.alloc(0), 0);
  return Buffer.concat(parts);
}

/** A Unix `ar` archive (what .a and .deb files are). */
export function ar(members: readonly { name: string; data: Buffer }[]): Buffer {
  const parts: Buffer[] = [Buffer.from('!<arch>\n')];
  for (const m of members) {
    const h = `${`${m.name}/`.padEnd(16)}${'0'.padEnd(12)}${'0'.padEnd(6)}${'0'.padEnd(6)}${'100644'.padEnd(8)}${String(m.data.length).padEnd(10)}\`\n`;
    parts.push(Buffer.from(h), m.data);
    if (m.data.length % 2) parts.push(Buffer.from('\n'));
  }
  return Buffer.concat(parts);
}

/** Compresses with a command-line tool (bzip2, xz, zstd) from stdin. */
export function compress(tool: 'bzip2' | 'xz' | 'zstd', data: Buffer): Buffer {
  return execFileSync(tool, ['-c', '-q'], { input: data, maxBuffer: 1 << 28 });
}
