import { countFramesThroughNull } from './count-decoded-frames.js';

/**
 * The index of the frame shown at `seconds` from the start of the stream: the number of decoded
 * frames whose presentation time is earlier than `seconds` (times relative to the first frame),
 * i.e. the first frame at or after that time. Decodes up to that time only.
 * `seconds` past the end gives the frame count, which the caller reports as out of range.
 */
export async function frameIndexAtTime(
  ffmpeg: string,
  file: string,
  seconds: number,
  options: { signal?: AbortSignal; timeoutMs?: number },
): Promise<number> {
  if (seconds <= 0) return 0;
  // Let ffmpeg count the frames earlier than T (progress frame=); no pixels leave the process, and
  // trim ends the filter graph at the first later frame, so ffmpeg stops decoding there.
  return countFramesThroughNull(ffmpeg, file, ['-vf', `setpts=PTS-STARTPTS,trim=end=${seconds}`], options);
}
