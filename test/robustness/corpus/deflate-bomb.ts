/**
 * A deflated-transfer-syntax DICOM whose data set inflates to more than `inflatedBytes` from a file
 * about a thousandth of that size. Built from one fully flushed block of zeros repeated: a full
 * flush resets the compressor's history, so copies of the block chain into a valid raw stream
 * without compressing gigabytes here.
 */
import { constants, deflateRawSync, inflateRawSync } from 'node:zlib';
import { encodeDicom } from '../../../actions/lib/synth/dicom/write-dicom.js';
import { imageElements } from '../../dicom/synthetic-dicom.js';

const CHUNK = 1024 * 1024;

/** The bomb: meta header (deflated syntax), a real data set with PHI, then gigabytes of "pixels". */
export function deflateBomb(inflatedBytes: number): Uint8Array {
  const honest = encodeDicom({
    elements: imageElements({ rows: 4096, columns: 4096 }),
    transferSyntax: 'deflated',
  });
  const metaEnd = metaHeaderEnd(honest);
  // The data set, then a Pixel Data (OW) header claiming 2 GB: the zeros that follow are its value.
  const pixelHeader = Uint8Array.from([0xe0, 0x7f, 0x10, 0x00, 0x4f, 0x57, 0, 0, 0xf0, 0xff, 0xff, 0x7f]);
  const dataSet = Buffer.concat([inflateRawSync(honest.subarray(metaEnd)), pixelHeader]);
  const head = deflateRawSync(dataSet, { finishFlush: constants.Z_FULL_FLUSH });
  const zeros = deflateRawSync(Buffer.alloc(CHUNK), { finishFlush: constants.Z_FULL_FLUSH });
  const copies = Math.ceil(inflatedBytes / CHUNK);
  const tail = deflateRawSync(Buffer.alloc(0)); // the final (empty) block
  const out = new Uint8Array(metaEnd + head.length + zeros.length * copies + tail.length);
  out.set(honest.subarray(0, metaEnd));
  let at = metaEnd;
  out.set(head, at);
  at += head.length;
  for (let i = 0; i < copies; i++, at += zeros.length) out.set(zeros, at);
  out.set(tail, at);
  return out;
}

/** Offset of the first byte after the group 2 meta header (its group length says where). */
function metaHeaderEnd(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // (0002,0000) UL at 132: tag 4 + VR 2 + length 2 + value 4 = 12 bytes, then the rest of group 2.
  return 132 + 12 + view.getUint32(140, true);
}
