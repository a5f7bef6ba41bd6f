import { spawn } from 'node:child_process';
import { FFMPEG_QUIET, ffmpegInput, ppmPipeOutput } from './ffmpeg-input-args.js';
import { frameCondition, type SkipPlan } from './nonreference-skip-plan.js';
import { type RgbFrame, readPpmStream } from './read-ppm-stream.js';

/** One frame wanted from one file. */
export interface FrameRequest {
  file: string;
  index: number;
  maxBytes: number;
  /** Decode without the non-reference pictures, and select the frame by output index and timestamp. */
  skip?: SkipPlan;
}

/**
 * Decodes one frame from each of several videos with a single ffmpeg process (one input and one
 * output per video, each output on its own pipe), so ffmpeg's start-up is paid once per group
 * rather than once per clip. Returns undefined when anything went wrong (an input ffmpeg could not
 * open, a decoder complaint, a missing frame): callers then render those videos one by one, which
 * attributes errors to the right file and applies the decoded-frame fallback.
 */
export function decodeFramesInOneProcess(
  ffmpeg: string,
  requests: readonly FrameRequest[],
  options: { signal?: AbortSignal; timeoutMs?: number; singleThreaded?: boolean },
): Promise<(RgbFrame | undefined)[] | undefined> {
  // One filter thread per graph: each output's graph only drops frames and converts one, and a
  // thread pool per graph (one thread per core by default, for every clip in the group) costs more
  // than it saves (3–5 % of the group's time measured on two cores).
  const args = [...FFMPEG_QUIET, '-filter_threads', '1'];
  // A skip plan's timestamp is the demuxer's own: no shift to the file's start time.
  if (requests.some((r) => r.skip)) args.push('-copyts');
  for (const { file, skip } of requests) {
    // When other jobs keep every core busy, one decoding thread per clip wastes less on synchronisation.
    if (options.singleThreaded) args.push('-threads', '1');
    if (skip) args.push('-skip_frame', 'noref');
    args.push(...ffmpegInput(file));
  }
  requests.forEach(({ index, skip }, i) => {
    const select = `select=${frameCondition(index, skip)}`;
    args.push('-map', `${i}:v:0`, '-vf', select, '-vsync', 'passthrough', '-frames:v', '1');
    args.push(...ppmPipeOutput(`pipe:${3 + i}`));
  });
  return new Promise((resolve) => {
    const child = spawn(ffmpeg, args, {
      stdio: ['ignore', 'ignore', 'pipe', ...requests.map(() => 'pipe' as const)],
      signal: options.signal,
      timeout: options.timeoutMs,
      killSignal: 'SIGKILL',
    });
    const outputs = requests.map(() => [] as Buffer[]);
    let stderr = '';
    let overflow = false;
    requests.forEach((request, i) => {
      let bytes = 0;
      const stream = child.stdio[3 + i] as NodeJS.ReadableStream;
      stream.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > request.maxBytes) {
          overflow = true;
          child.kill('SIGKILL');
        } else outputs[i]!.push(chunk);
      });
      stream.on('error', () => {});
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4096);
    });
    child.on('error', () => resolve(undefined));
    child.on('close', (code) => {
      if (code !== 0 || overflow || stderr.trim() !== '') return resolve(undefined);
      try {
        resolve(outputs.map((chunks) => readPpmStream(Buffer.concat(chunks))[0]));
      } catch {
        resolve(undefined);
      }
    });
  });
}
