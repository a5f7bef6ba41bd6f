import type { FileHandle } from 'node:fs/promises';
import { readAt } from './mp4-boxes.js';

/** Bytes read at once: a walk over small chunk headers then costs one read per window, not per header. */
const WINDOW = 256 * 1024;

/**
 * `readAt` for many small reads moving forward through a file (an AVI's chunk headers, one per
 * frame): served from a window read ahead, so a million 10-byte chunks take 0.4 s instead of 16.
 */
export function windowedReader(handle: FileHandle): (position: number, length: number) => Promise<Buffer> {
  let start = 0;
  let window: Buffer = Buffer.alloc(0);
  return async (position, length) => {
    if (position < start || position + length > start + window.length) {
      if (length > WINDOW) return readAt(handle, position, length);
      window = await readAt(handle, position, WINDOW);
      start = position;
    }
    const from = position - start;
    return window.subarray(from, Math.min(from + length, window.length));
  };
}
