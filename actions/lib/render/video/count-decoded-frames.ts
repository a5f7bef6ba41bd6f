import { InputError } from '../../errors.js';
import { runProcess } from '../../tools/run-process.js';
import { lastLine } from './count-video-packets.js';
import { ffmpegInputArgs } from './ffmpeg-input-args.js';

/**
 * Runs ffmpeg into the null muxer (no pixel conversion, no frame duplication or dropping) with
 * `filterArgs` after the input, and returns how many frames came out of the filter graph: the count
 * ffmpeg reports on its progress pipe. No pixels leave the process.
 */
export async function countFramesThroughNull(
  ffmpeg: string,
  file: string,
  filterArgs: readonly string[],
  options: { signal?: AbortSignal; timeoutMs?: number },
): Promise<number> {
  const result = await runProcess(
    ffmpeg,
    [
      ...ffmpegInputArgs(file),
      ...filterArgs,
      '-vsync',
      'passthrough',
      '-f',
      'null',
      '-',
      '-nostats',
      '-progress',
      'pipe:1',
    ],
    { signal: options.signal, timeoutMs: options.timeoutMs, maxStdoutBytes: 64 * 1024 * 1024 },
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

/**
 * Decodes the whole stream and returns the number of frames the decoder produced. The exact count,
 * at the price of a full decode.
 */
export function countDecodedFrames(
  ffmpeg: string,
  file: string,
  options: { signal?: AbortSignal; timeoutMs?: number },
): Promise<number> {
  return countFramesThroughNull(ffmpeg, file, [], options);
}
