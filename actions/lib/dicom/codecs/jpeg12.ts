import type { CodecOutput } from './codec-output.js';

/** 12-bit JPEG (Extended, Process 4). */
export function decodeJpeg12(_bytes: Uint8Array): CodecOutput {
  throw new Error('12-bit JPEG is not supported yet');
}
