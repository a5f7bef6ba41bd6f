import type { FileHandle } from 'node:fs/promises';
import { inspectContainer, isMp4Head } from './count-container-frames.js';
import { readAt } from './mp4-boxes.js';

/** Top-level chunks or boxes walked before giving up (a real file has a handful). */
const MAX_TOP_LEVEL = 100_000;

/**
 * Whether an AVI or MP4/MOV ends before its own top-level structure says it does: a RIFF segment
 * or a box (mdat, moov) declares more bytes than the file holds, as a cut download does. ffmpeg
 * would decode the frames that are there and pick "the middle" of those: a wrong frame with no
 * error. False for anything else, and for files whose last box runs to the end (size 0).
 */
export async function containerTruncated(file: string): Promise<boolean> {
  const truncated = await inspectContainer(file, async (handle, size, head) => {
    if (head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'AVI ')
      return topLevelPastEnd(handle, size, 'riff');
    if (isMp4Head(head)) return topLevelPastEnd(handle, size, 'mp4');
    return false;
  });
  return truncated === true;
}

async function topLevelPastEnd(handle: FileHandle, size: number, layout: 'riff' | 'mp4'): Promise<boolean> {
  let at = 0;
  for (let n = 0; n < MAX_TOP_LEVEL && at < size; n++) {
    const header = await readAt(handle, at, 16);
    if (header.length < 8) return true;
    let end: number;
    if (layout === 'riff') {
      const length = header.readUInt32LE(4);
      end = at + 8 + length + (length & 1);
      // The pad byte of a file's last chunk is often left out.
      if (at + 8 + length > size) return true;
      if (end > size) return false;
    } else {
      const small = header.readUInt32BE(0);
      if (small === 0) return false; // runs to the end of the file
      if (small === 1 && header.length < 16) return true;
      const length = small === 1 ? Number(header.readBigUInt64BE(8)) : small;
      if (length < 8) return false; // malformed: ffmpeg's call
      end = at + length;
      if (end > size) return true;
    }
    at = end;
  }
  return false;
}
