/** Data files made by code, byte by byte, so the guard's tests depend on no other writer. */
import { crc32, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';

/** Explicit VR little-endian element with a 2-byte length. */
function element(group: number, elem: number, vr: string, value: Buffer): Buffer {
  const padded = value.length % 2 ? Buffer.concat([value, Buffer.from(vr === 'UI' ? [0] : [0x20])]) : value;
  const header = Buffer.alloc(8);
  header.writeUInt16LE(group, 0);
  header.writeUInt16LE(elem, 2);
  header.write(vr, 4, 'latin1');
  header.writeUInt16LE(padded.length, 6);
  return Buffer.concat([header, padded]);
}

/** A DICOM Part 10 file: 128-byte preamble, `DICM`, a file meta group and a few dataset elements. */
export function makeDicom(options: { preamble?: boolean } = {}): Buffer {
  const meta = Buffer.concat([
    element(0x0002, 0x0002, 'UI', Buffer.from('1.2.840.10008.5.1.4.1.1.7')),
    element(0x0002, 0x0010, 'UI', Buffer.from('1.2.840.10008.1.2.1')),
  ]);
  const groupLength = Buffer.alloc(12);
  groupLength.writeUInt16LE(0x0002, 0);
  groupLength.writeUInt16LE(0x0000, 2);
  groupLength.write('UL', 4, 'latin1');
  groupLength.writeUInt16LE(4, 6);
  groupLength.writeUInt32LE(meta.length, 8);
  const dataset = Buffer.concat([
    element(0x0008, 0x0060, 'CS', Buffer.from('OT')),
    element(0x0010, 0x0010, 'PN', Buffer.from('Test^Patient')),
    element(0x0028, 0x0010, 'US', Buffer.from([2, 0])),
  ]);
  const body = Buffer.concat([groupLength, meta, dataset]);
  return options.preamble === false ? body : Buffer.concat([Buffer.alloc(128), Buffer.from('DICM'), body]);
}

/** A small baseline JPEG's first segments (SOI, APP0 JFIF) and EOI: enough for any sniffer. */
export function makeJpeg(): Buffer {
  const app0 = Buffer.from([
    0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00,
    0x00,
  ]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, Buffer.alloc(600, 0x11), Buffer.from([0xff, 0xd9])]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A valid greyscale PNG of noise that no synthetic generator makes. */
export function makePng(width = 16, height = 16, seed = 7): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 0;
  const raw = Buffer.alloc((width + 1) * height);
  let s = seed;
  for (let i = 0; i < raw.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    raw[i] = i % (width + 1) === 0 ? 0 : s >>> 24;
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A NIfTI-1 single-file header (348 bytes, `n+1` at 344) followed by a few voxels. */
export function makeNifti(): Buffer {
  const header = Buffer.alloc(352 + 64);
  header.writeInt32LE(348, 0);
  header.writeInt16LE(3, 40);
  header.write('n+1\0', 344, 'latin1');
  return header;
}

/** A NumPy .npy file (format 1.0). */
export function makeNpy(): Buffer {
  const dict = "{'descr': '<u1', 'fortran_order': False, 'shape': (4,), }";
  const header = dict.padEnd(118, ' ') + '\n';
  const prefix = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length, 0]);
  return Buffer.concat([prefix, Buffer.from(header, 'latin1'), Buffer.from([1, 2, 3, 4])]);
}

/** An HDF5 superblock signature followed by zeros. */
export function makeHdf5(): Buffer {
  return Buffer.concat([Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200)]);
}

/** An AVI's RIFF header. */
export function makeAvi(): Buffer {
  const b = Buffer.alloc(64);
  b.write('RIFF', 0, 'latin1');
  b.writeUInt32LE(56, 4);
  b.write('AVI LIST', 8, 'latin1');
  return b;
}

/** An MP4's ftyp box. */
export function makeMp4(): Buffer {
  const b = Buffer.alloc(64);
  b.writeUInt32BE(24, 0);
  b.write('ftypisom', 4, 'latin1');
  return b;
}

export interface ArchiveMember {
  name: string;
  data: Buffer;
}

/** A zip archive (stored or deflated members, optional encrypted flag), central directory included. */
export function makeZip(
  members: readonly ArchiveMember[],
  options: { method?: 0 | 8; encrypted?: boolean } = {},
): Buffer {
  const method = options.method ?? 8;
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const m of members) {
    const name = Buffer.from(m.name);
    const data = method === 8 ? deflateRawSync(m.data) : m.data;
    const crc = crc32(m.data);
    // Local and central headers share these fields from "version needed" on (local at 4, central at 6).
    const fields = (header: Buffer, at: number) => {
      header.writeUInt16LE(20, at);
      header.writeUInt16LE(options.encrypted ? 1 : 0, at + 2);
      header.writeUInt16LE(method, at + 4);
      header.writeUInt32LE(crc, at + 10);
      header.writeUInt32LE(data.length, at + 14);
      header.writeUInt32LE(m.data.length, at + 18);
      header.writeUInt16LE(name.length, at + 22);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    fields(local, 4);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    fields(central, 6);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A ustar archive. */
export function makeTar(members: readonly ArchiveMember[]): Buffer {
  const blocks: Buffer[] = [];
  for (const m of members) {
    const header = Buffer.alloc(512);
    header.write(m.name, 0, 100, 'utf8');
    header.write('0000644\0', 100, 'latin1');
    header.write('0000000\0', 108, 'latin1');
    header.write('0000000\0', 116, 'latin1');
    header.write(`${m.data.length.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
    header.write('00000000000\0', 136, 'latin1');
    header.write('        ', 148, 'latin1');
    header[156] = 0x30;
    header.write('ustar\0', 257, 'latin1');
    header.write('00', 263, 'latin1');
    let sum = 0;
    for (const byte of header) sum += byte;
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
    blocks.push(header, m.data, Buffer.alloc((512 - (m.data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

export { gzipSync };
