import { InputError } from '../../errors.js';
import { ffmpegPath } from '../../tools/ffmpeg-path.js';
import { runProcess } from '../../tools/run-process.js';

/**
 * Encodes grey frames as an MJPEG AVI (as EchoNet-Dynamic's videos are) with the real ffmpeg.
 * Bit-exact flags keep the encoder's version string and timestamps out, so a machine writes the same
 * file every time.
 */
export async function writeGreyAvi(
  file: string,
  frames: readonly Uint8Array[],
  width: number,
  height: number,
  fps: number,
): Promise<void> {
  const input = Buffer.concat(frames.map((f) => Buffer.from(f.buffer, f.byteOffset, f.byteLength)));
  const args = [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'gray',
    '-s',
    `${width}x${height}`,
    '-r',
    String(fps),
    '-i',
    'pipe:0',
    '-c:v',
    'mjpeg',
    '-q:v',
    '3',
    '-pix_fmt',
    'yuvj420p',
    '-threads',
    '1',
    '-fflags',
    '+bitexact',
    '-flags:v',
    '+bitexact',
    '-map_metadata',
    '-1',
    '-f',
    'avi',
    file,
  ];
  const result = await runProcess(ffmpegPath(), args, { input, timeoutMs: 60_000 });
  if (result.code !== 0)
    throw new InputError('ffmpeg', file, `ffmpeg could not write the video: ${result.stderr.trim()}`);
}
