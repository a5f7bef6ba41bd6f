/** A small CR DICOM with a PHI-looking header and 64×64 8-bit pixels: what a contributor would copy from a dataset. */
import { PHI } from './attempt.js';

function element(group: number, elem: number, vr: string, value: Buffer): Buffer {
  const padded = value.length % 2 ? Buffer.concat([value, Buffer.from(vr === 'UI' ? [0] : [0x20])]) : value;
  const long = ['OB', 'OW', 'UN', 'SQ', 'UT'].includes(vr);
  const header = Buffer.alloc(long ? 12 : 8);
  header.writeUInt16LE(group, 0);
  header.writeUInt16LE(elem, 2);
  header.write(vr, 4, 'latin1');
  if (long) header.writeUInt32LE(padded.length, 8);
  else header.writeUInt16LE(padded.length, 6);
  return Buffer.concat([header, padded]);
}

const text = (s: string) => Buffer.from(s, 'latin1');
const us = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
};

/** Grey "radiograph": a bright bone-like band over a dark background with deterministic noise. */
export function xrayPixels(width: number, height: number, seed = 11): Buffer {
  const px = Buffer.alloc(width * height);
  let s = seed;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      s = (s * 1103515245 + 12345) >>> 0;
      const bone = Math.abs(x - width / 2) < width / 6 ? 120 : 0;
      px[y * width + x] = Math.min(255, 30 + bone + (y * 60) / height + (s >>> 27));
    }
  }
  return px;
}

/** Explicit VR little endian Part 10 file with preamble. */
export function makePhiDicom(): Buffer {
  const size = 64;
  const meta = Buffer.concat([
    element(0x0002, 0x0001, 'OB', Buffer.from([0, 1])),
    element(0x0002, 0x0002, 'UI', text('1.2.840.10008.5.1.4.1.1.1')),
    element(0x0002, 0x0003, 'UI', text('1.2.826.0.1.3680043.8.498.4821397')),
    element(0x0002, 0x0010, 'UI', text('1.2.840.10008.1.2.1')),
  ]);
  const groupLength = Buffer.alloc(12);
  groupLength.writeUInt16LE(0x0002, 0);
  groupLength.write('UL', 4, 'latin1');
  groupLength.writeUInt16LE(4, 6);
  groupLength.writeUInt32LE(meta.length, 8);
  const dataset = Buffer.concat([
    element(0x0008, 0x0016, 'UI', text('1.2.840.10008.5.1.4.1.1.1')),
    element(0x0008, 0x0018, 'UI', text('1.2.826.0.1.3680043.8.498.4821397')),
    element(0x0008, 0x0060, 'CS', text('CR')),
    element(0x0010, 0x0010, 'PN', text(PHI.name)),
    element(0x0010, 0x0020, 'LO', text(PHI.mrn)),
    element(0x0010, 0x0030, 'DA', text(PHI.birthDate)),
    element(0x0028, 0x0002, 'US', us(1)),
    element(0x0028, 0x0004, 'CS', text('MONOCHROME2')),
    element(0x0028, 0x0010, 'US', us(size)),
    element(0x0028, 0x0011, 'US', us(size)),
    element(0x0028, 0x0100, 'US', us(8)),
    element(0x0028, 0x0101, 'US', us(8)),
    element(0x0028, 0x0102, 'US', us(7)),
    element(0x0028, 0x0103, 'US', us(0)),
    element(0x7fe0, 0x0010, 'OW', xrayPixels(size, size)),
  ]);
  return Buffer.concat([Buffer.alloc(128), text('DICM'), groupLength, meta, dataset]);
}

/** The same data set without preamble, `DICM` or file meta: what many tools still read. */
export function bareDataset(dicom: Buffer): Buffer {
  const metaLength = dicom.readUInt32LE(132 + 8);
  return dicom.subarray(132 + 12 + metaLength);
}
