import type { ByteSource } from './byte-source.js';

/** One central-directory record of a zip archive: what the guard needs to find and read a member. */
export interface ZipEntry {
  name: string;
  method: number;
  encrypted: boolean;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const MAX_DIRECTORY_BYTES = 256 * 1024 * 1024;
/** Ordinary extra fields (timestamps, unix ids, zip64 sizes) and comments stay well under this. */
export const MAX_HIDDEN_FIELD = 256;

/** Reads a zip's central directory (zip64 included) without trusting any size it states. */
export async function readZipDirectory(
  source: ByteSource,
  maxEntries: number,
): Promise<{ entries: ZipEntry[]; directoryOffset: number; strayBytes: number } | { problem: string }> {
  const tailLength = Math.min(source.size, 22 + 0xffff);
  const tailStart = source.size - tailLength;
  const tail = await source.read(tailStart, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return { problem: 'zip without a central directory (corrupt or truncated)' };
  let count = tail.readUInt16LE(eocd + 10);
  let size = tail.readUInt32LE(eocd + 12);
  let offset = tail.readUInt32LE(eocd + 16);
  let zip64Records = 0;
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    zip64Records = 76; // zip64 end record (56) and locator (20) sit between directory and end record
    const locatorAt = eocd - 20;
    if (locatorAt < 0 || tail.readUInt32LE(locatorAt) !== ZIP64_LOCATOR)
      return { problem: 'zip64 locator missing' };
    const record = await source.read(Number(tail.readBigUInt64LE(locatorAt + 8)), 56);
    if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_EOCD)
      return { problem: 'zip64 end record missing' };
    count = Number(record.readBigUInt64LE(32));
    size = Number(record.readBigUInt64LE(40));
    offset = Number(record.readBigUInt64LE(48));
  }
  if (count > maxEntries) return { problem: `zip with ${count} members (more than ${maxEntries})` };
  // Bytes prepended to a zip (`cat prefix a.zip`) shift every offset; unzip finds the directory
  // right before the end record and applies the shift to every member, and so does the guard.
  let shift = 0;
  const expectedAt = tailStart + eocd - zip64Records - size;
  if (expectedAt > offset && expectedAt >= 0) {
    const probe = await source.read(expectedAt, 4);
    const atStated = await source.read(offset, 4);
    if (
      probe.length === 4 &&
      probe.readUInt32LE(0) === CENTRAL &&
      !(atStated.length === 4 && atStated.readUInt32LE(0) === CENTRAL)
    )
      shift = expectedAt - offset;
  }
  offset += shift;
  if (size > MAX_DIRECTORY_BYTES || offset + size > source.size)
    return { problem: 'zip central directory out of bounds' };
  const directory = await source.read(offset, size);
  const entries: ZipEntry[] = [];
  let hiddenField = 0;
  let at = 0;
  while (at + 46 <= directory.length && entries.length < count) {
    if (directory.readUInt32LE(at) !== CENTRAL) return { problem: 'zip central directory is corrupt' };
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    const entry: ZipEntry = {
      name: directory.toString('utf8', at + 46, at + 46 + nameLength),
      encrypted: (directory.readUInt16LE(at + 8) & 1) === 1,
      method: directory.readUInt16LE(at + 10),
      compressedSize: directory.readUInt32LE(at + 20),
      uncompressedSize: directory.readUInt32LE(at + 24),
      localHeaderOffset: directory.readUInt32LE(at + 42),
    };
    applyZip64Extra(entry, directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength));
    entry.localHeaderOffset += shift;
    if (entry.localHeaderOffset >= source.size) return { problem: `a member: member offset out of bounds` };
    entries.push(entry);
    hiddenField = Math.max(hiddenField, extraLength, commentLength);
    at += 46 + nameLength + extraLength + commentLength;
  }
  // Comments and extra fields hold whatever a writer puts there and no unzip outputs them.
  const archiveComment = tail.length >= eocd + 22 ? tail.readUInt16LE(eocd + 20) : 0;
  if (archiveComment > MAX_HIDDEN_FIELD || hiddenField > MAX_HIDDEN_FIELD)
    return { problem: `zip comments or extra fields of ${Math.max(archiveComment, hiddenField)} bytes` };
  // Records that overrun the directory, or bytes left after the declared count, hide members.
  if (entries.length < count || at !== directory.length)
    return { problem: 'zip central directory does not match the member count it declares' };
  // Bytes between the directory and the end record belong to nothing a tool would extract.
  const strayBytes = Math.max(0, tailStart + eocd - (offset + size) - zip64Records);
  return { entries, directoryOffset: offset, strayBytes };
}

/** Zip64 keeps sizes and offsets that overflow 32 bits in extra field 0x0001, in this order. */
function applyZip64Extra(entry: ZipEntry, extra: Buffer): void {
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === 0x0001) {
      let p = at + 4;
      const next = () => {
        const value =
          p + 8 <= at + 4 + length && p + 8 <= extra.length ? Number(extra.readBigUInt64LE(p)) : undefined;
        p += 8;
        return value;
      };
      if (entry.uncompressedSize === 0xffffffff) entry.uncompressedSize = next() ?? entry.uncompressedSize;
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next() ?? entry.compressedSize;
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next() ?? entry.localHeaderOffset;
      return;
    }
    at += 4 + length;
  }
}
