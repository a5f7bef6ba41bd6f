import { crc32 } from 'node:zlib';

/** The shape of an 8-bit PNG: grey (1 channel) or RGB (3). */
export interface PngShape {
  width: number;
  height: number;
  channels: 1 | 3;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * A PNG file of exactly three chunks, IHDR, IDAT and IEND: no metadata, no timestamps, so the bytes
 * depend on the pixels and the zlib stream only. `zlibStream` is the compressed, filtered scanlines.
 */
export function pngContainer(shape: PngShape, zlibStream: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(shape.width, 0);
  ihdr.writeUInt32BE(shape.height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = shape.channels === 1 ? 0 : 2; // colour type: grey or RGB
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method: adaptive (each row names its filter)
  ihdr[12] = 0; // not interlaced
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', zlibStream),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

function chunk(type: string, body: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const tail = Buffer.alloc(4);
  // CRC-32 is fixed by the standard: zlib's native one gives the same value as any other.
  tail.writeUInt32BE(crc32(body, crc32(head.subarray(4))), 0);
  return Buffer.concat([head, body, tail]);
}
