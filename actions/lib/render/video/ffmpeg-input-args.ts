/**
 * ffmpeg's `-i` for a file. `file:` pins ffmpeg's plain file protocol, so a file named like
 * `pipe:0`, `concat:…` or `http://…` is read as the file it is, never as a protocol.
 */
export function ffmpegInput(file: string): string[] {
  return ['-i', `file:${file}`];
}

/** ffmpeg without a console: no stdin, no banner, errors only on stderr. */
export const FFMPEG_QUIET = ['-nostdin', '-hide_banner', '-v', 'error'];

/** The arguments that open a video's first video stream, quietly (errors only). */
export function ffmpegInputArgs(file: string): string[] {
  return [...FFMPEG_QUIET, ...ffmpegInput(file), '-map', '0:v:0'];
}

/** Output arguments that write the selected frames as RGB PPM images to `pipe` (see readPpmStream). */
export function ppmPipeOutput(pipe: string): string[] {
  return ['-pix_fmt', 'rgb24', '-c:v', 'ppm', '-f', 'image2pipe', pipe];
}
