/**
 * ffmpeg's `-i` for a file. `file:` pins ffmpeg's plain file protocol, so a file named like
 * `pipe:0`, `concat:…` or `http://…` is read as the file it is, never as a protocol.
 */
export function ffmpegInput(file: string): string[] {
  return ['-i', `file:${file}`];
}

/** The arguments that open a video's first video stream, quietly (errors only). */
export function ffmpegInputArgs(file: string): string[] {
  return ['-nostdin', '-hide_banner', '-v', 'error', ...ffmpegInput(file), '-map', '0:v:0'];
}
