import { InputError } from '../../errors.js';
import { runProcess } from '../../tools/run-process.js';
import { ffmpegInputArgs } from './ffmpeg-input-args.js';

/** The coded frames of a video stream, as the demuxer delivers them (no decoding). */
export interface VideoPacketCount {
  /** Packets the decoder will turn into frames (discard-flagged packets excluded). */
  frames: number;
  width: number;
  height: number;
  /** True when something makes the packet count an unsafe stand-in for the decoded count. */
  irregular: boolean;
}

const AV_PKT_FLAG_CORRUPT = 0x2;
const AV_PKT_FLAG_DISCARD = 0x4;

/**
 * Counts a video's packets by reading every one of them with ffmpeg's stream copy (`framecrc`
 * muxer: one line per packet with its size and flags). Never the container's header count or
 * duration × fps, which are estimates. This costs a demux only, a few milliseconds per clip.
 * Empty packets (AVI "drop" frames) and corrupt-flagged ones mark the count irregular, so callers
 * fall back to counting decoded frames.
 */
export async function countVideoPackets(
  ffmpeg: string,
  file: string,
  options: { signal?: AbortSignal; timeoutMs?: number },
): Promise<VideoPacketCount> {
  const result = await runProcess(
    ffmpeg,
    [...ffmpegInputArgs(file), '-c', 'copy', '-f', 'framecrc', 'pipe:1'],
    { signal: options.signal, timeoutMs: options.timeoutMs, maxStdoutBytes: 256 * 1024 * 1024 },
  );
  if (result.code !== 0) {
    throw new InputError(
      'video/decode-failed',
      file,
      `ffmpeg cannot read the video stream (${lastLine(result.stderr)})`,
    );
  }
  let frames = 0;
  let width = 0;
  let height = 0;
  let irregular = false;
  for (const line of result.stdout.toString('latin1').split('\n')) {
    if (line.startsWith('#dimensions')) {
      const match = /(\d+)x(\d+)/.exec(line);
      if (match) [width, height] = [Number(match[1]), Number(match[2])];
      continue;
    }
    if (line === '' || line.startsWith('#')) continue;
    const fields = line.split(',').map((f) => f.trim());
    const size = Number(fields[4]);
    const flags = /F=0x([0-9a-fA-F]+)/.exec(line);
    const flagBits = flags ? Number.parseInt(flags[1]!, 16) : 1;
    if (flagBits & AV_PKT_FLAG_DISCARD) continue;
    if (!(size > 0) || flagBits & AV_PKT_FLAG_CORRUPT) irregular = true;
    frames++;
  }
  return { frames, width, height, irregular };
}

/** The last line ffmpeg wrote on stderr: its reason, without its banner. File paths only, no data. */
export function lastLine(stderr: string): string {
  const lines = stderr.trim().split('\n');
  return (lines[lines.length - 1] ?? '').trim().slice(0, 300) || 'no reason given';
}
