import { pngContainer } from '../png/png-container.js';
import { adler32 } from './checksums.js';

/** Raw 8-bit pixels, rows top to bottom, channels interleaved. */
export interface PixelBuffer {
  width: number;
  height: number;
  /** 1 = grey, 3 = RGB. */
  channels: 1 | 3;
  data: Uint8Array;
}

const MAX_STORED_BLOCK = 65535;

/** A zlib stream of stored (uncompressed) deflate blocks: the same bytes on every machine. */
export function zlibStored(raw: Uint8Array): Buffer {
  const blocks = Math.max(1, Math.ceil(raw.length / MAX_STORED_BLOCK));
  const out = Buffer.alloc(2 + blocks * 5 + raw.length + 4);
  out[0] = 0x78; // deflate, 32K window
  out[1] = 0x01; // no preset dictionary, fastest level; (0x78 << 8 | 0x01) % 31 === 0
  let o = 2;
  for (let b = 0; b < blocks; b++) {
    const start = b * MAX_STORED_BLOCK;
    const len = Math.min(MAX_STORED_BLOCK, raw.length - start);
    out[o++] = b === blocks - 1 ? 1 : 0; // BFINAL, BTYPE=00 (stored)
    out.writeUInt16LE(len, o);
    out.writeUInt16LE(~len & 0xffff, o + 2);
    o += 4;
    out.set(raw.subarray(start, start + len), o);
    o += len;
  }
  out.writeUInt32BE(adler32(raw), o);
  return out;
}

/**
 * Encodes pixels as a PNG with filter 0 and stored deflate blocks. Larger than a compressed PNG, but
 * byte-for-byte identical on any machine and Node version, which is what a committed synthetic image
 * that the guard regenerates needs.
 */
export function encodeStoredPng(pixels: PixelBuffer): Buffer {
  const { width, height, channels, data } = pixels;
  if (data.length !== width * height * channels) {
    throw new Error(`pixel buffer holds ${data.length} bytes, expected ${width * height * channels}`);
  }
  const stride = width * channels;
  const raw = new Uint8Array((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter: none
    raw.set(data.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  return pngContainer(pixels, zlibStored(raw));
}
