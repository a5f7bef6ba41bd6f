import { open } from 'node:fs/promises';
import { InputError } from '../../errors.js';

/** What matters about one TIFF image file directory (IFD) for choosing a pyramid level. */
export interface TiffDirectory {
  /** Position in the main IFD chain (sharp's `page`), or the SubIFD index under page 0 (`subifd`). */
  page: number;
  subifd?: number;
  width: number;
  height: number;
  compression: number;
  tiled: boolean;
  /** NewSubfileType bit 0: a reduced-resolution copy. */
  reduced: boolean;
  /** ImageDescription's first 256 characters, lower-cased (Aperio names "label" and "macro" there). */
  description: string;
}

const MAX_DIRECTORIES = 256;

/**
 * Lists the directories of a TIFF or BigTIFF file, reading only their headers (a whole-slide image
 * is gigabytes; its directories are a few kilobytes), including page 0's SubIFDs (libvips writes
 * pyramids there with `subifd`).
 */
export async function readTiffDirectories(file: string): Promise<TiffDirectory[]> {
  const handle = await open(file, 'r');
  try {
    const read = async (offset: number, length: number) => {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, offset);
      if (bytesRead < length)
        throw new InputError('wsi/bad-tiff', file, 'a TIFF directory points past the end of the file');
      return buffer;
    };
    const head = await read(0, 16).catch(() => {
      throw new InputError('wsi/bad-tiff', file, 'the file is too short to be a TIFF');
    });
    const order = head.toString('latin1', 0, 2);
    if (order !== 'II' && order !== 'MM') throw new InputError('wsi/bad-tiff', file, 'not a TIFF file');
    const le = order === 'II';
    const u16 = (b: Buffer, o: number) => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));
    const u32 = (b: Buffer, o: number) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
    const u64 = (b: Buffer, o: number) => Number(le ? b.readBigUInt64LE(o) : b.readBigUInt64BE(o));
    const magic = u16(head, 2);
    if (magic !== 42 && magic !== 43) throw new InputError('wsi/bad-tiff', file, 'not a TIFF file');
    const big = magic === 43;
    const entrySize = big ? 20 : 12;
    const countSize = big ? 8 : 2;
    const offsetSize = big ? 8 : 4;
    const readOffset = (b: Buffer, o: number) => (big ? u64(b, o) : u32(b, o));

    const readDirectory = async (offset: number) => {
      const countBytes = await read(offset, countSize);
      const count = big ? u64(countBytes, 0) : u16(countBytes, 0);
      if (count > 4096)
        throw new InputError('wsi/bad-tiff', file, 'a TIFF directory claims too many entries');
      const body = await read(offset + countSize, count * entrySize + offsetSize);
      const tags = new Map<number, { type: number; count: number; valueAt: number }>();
      for (let i = 0; i < count; i++) {
        const at = i * entrySize;
        tags.set(u16(body, at), {
          type: u16(body, at + 2),
          count: readOffset(body, at + 4),
          valueAt: at + 4 + offsetSize,
        });
      }
      const scalar = (tag: number): number | undefined => {
        const entry = tags.get(tag);
        if (!entry) return undefined;
        if (entry.type === 3) return u16(body, entry.valueAt);
        if (entry.type === 16) return u64(body, entry.valueAt);
        return u32(body, entry.valueAt);
      };
      const offsets = async (tag: number): Promise<number[]> => {
        const entry = tags.get(tag);
        if (!entry || entry.count === 0 || entry.count > MAX_DIRECTORIES) return [];
        const size = entry.type === 16 || entry.type === 18 ? 8 : 4;
        const inline = entry.count * size <= offsetSize;
        const data = inline
          ? body.subarray(entry.valueAt)
          : await read(readOffset(body, entry.valueAt), entry.count * size);
        return Array.from({ length: entry.count }, (_, i) =>
          size === 8 ? u64(data, i * 8) : u32(data, i * 4),
        );
      };
      const description = async (): Promise<string> => {
        const entry = tags.get(270);
        if (!entry) return '';
        const length = Math.min(entry.count, 256);
        const data =
          entry.count <= offsetSize
            ? body.subarray(entry.valueAt, entry.valueAt + length)
            : await read(readOffset(body, entry.valueAt), length);
        return data
          .toString('latin1')
          .split(/[\r\n|]/)[0]!
          .trim()
          .toLowerCase();
      };
      return {
        width: scalar(256) ?? 0,
        height: scalar(257) ?? 0,
        compression: scalar(259) ?? 1,
        tiled: tags.has(322),
        reduced: ((scalar(254) ?? 0) & 1) === 1,
        description: await description(),
        subIfds: await offsets(330),
        next: readOffset(body, count * entrySize),
      };
    };

    const directories: TiffDirectory[] = [];
    const seen = new Set<number>();
    let offset = readOffset(head, big ? 8 : 4);
    for (let page = 0; offset !== 0 && page < MAX_DIRECTORIES; page++) {
      if (seen.has(offset)) throw new InputError('wsi/bad-tiff', file, 'the TIFF directories form a loop');
      seen.add(offset);
      const { subIfds, next, ...directory } = await readDirectory(offset);
      directories.push({ page, ...directory });
      if (page === 0) {
        for (const [index, subOffset] of subIfds.entries()) {
          const { subIfds: _nested, next: _next, ...sub } = await readDirectory(subOffset);
          directories.push({ page: 0, subifd: index, ...sub });
        }
      }
      offset = next;
    }
    return directories;
  } finally {
    await handle.close();
  }
}
