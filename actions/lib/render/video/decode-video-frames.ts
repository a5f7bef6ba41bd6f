import { InputError } from '../../errors.js';
import { runProcess } from '../../tools/run-process.js';
import { lastLine } from './count-video-packets.js';
import { ffmpegInputArgs, ppmPipeOutput } from './ffmpeg-input-args.js';
import { frameCondition, type SkipPlan } from './nonreference-skip-plan.js';
import { type RgbFrame, readPpmStream } from './read-ppm-stream.js';

/** Frames a decode returned, and whether the decoder complained on the way. */
export interface DecodedFrames {
  frames: Map<number, RgbFrame>;
  /** ffmpeg's error output: non-empty means frames may have been lost before the ones asked for. */
  errors: string;
}

/**
 * Decodes a video from its first frame and returns the frames at the given decoded indices (`n` of
 * ffmpeg's select filter counts frames as the decoder outputs them, in presentation order), as RGB.
 * ffmpeg stops as soon as the last one is out, so asking for the middle frame decodes half the clip.
 */
export async function decodeVideoFrames(
  ffmpeg: string,
  file: string,
  indices: readonly number[],
  options: { signal?: AbortSignal; timeoutMs?: number; maxBytes: number; skip?: SkipPlan },
): Promise<DecodedFrames> {
  const wanted = [...new Set(indices)].sort((a, b) => a - b);
  if (wanted.length === 0) return { frames: new Map(), errors: '' };
  const { skip } = options;
  if (skip && wanted.length !== 1) throw new Error('a skip plan is for one frame');
  const select = `select=${wanted.map((i) => frameCondition(i, skip)).join('+')}`;
  const result = await runProcess(
    ffmpeg,
    [
      ...(skip ? ['-copyts', '-skip_frame', 'noref'] : []),
      ...ffmpegInputArgs(file),
      '-vf',
      select,
      '-vsync',
      'passthrough',
      '-frames:v',
      String(wanted.length),
      ...ppmPipeOutput('pipe:1'),
    ],
    { signal: options.signal, timeoutMs: options.timeoutMs, maxStdoutBytes: options.maxBytes },
  );
  if (result.code !== 0) {
    const reason = result.signal ? `ffmpeg was stopped (${result.signal})` : lastLine(result.stderr);
    throw new InputError('video/decode-failed', file, `ffmpeg cannot decode the video (${reason})`);
  }
  const decoded = readPpmStream(result.stdout);
  const frames = new Map<number, RgbFrame>();
  decoded.forEach((frame, i) => {
    frames.set(wanted[i]!, frame);
  });
  return { frames, errors: result.stderr.trim() };
}
