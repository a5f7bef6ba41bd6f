import { InputError } from '../../errors.js';
import { runProcess } from '../../tools/run-process.js';
import { lastLine } from './count-video-packets.js';
import { ffmpegInputArgs } from './ffmpeg-input-args.js';

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
  const result = await runProcess(
    ffmpeg,
    [
      ...ffmpegInputArgs(file),
      '-vf',
      `setpts=PTS-STARTPTS,trim=end=${seconds}`,
      '-vsync',
      'passthrough',
      '-f',
      'null',
      '-',
      '-nostats',
      '-progress',
      'pipe:1',
    ],
    { ...options, maxStdoutBytes: 64 * 1024 * 1024 },
  );
  if (result.code !== 0) {
    throw new InputError(
      'video/decode-failed',
      file,
      `ffmpeg cannot decode the video (${lastLine(result.stderr)})`,
    );
  }
  const counts = [...result.stdout.toString('latin1').matchAll(/^frame=(\d+)$/gm)];
  const last = counts[counts.length - 1];
  return last ? Number(last[1]) : 0;
}
