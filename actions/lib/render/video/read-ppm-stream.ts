/** One decoded RGB frame. */
export interface RgbFrame {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * Splits ffmpeg's `image2pipe` PPM output (P6, maxval 255) into frames. Each header carries the
 * frame's own size, so no separate probe is needed.
 */
export function readPpmStream(bytes: Buffer): RgbFrame[] {
  const frames: RgbFrame[] = [];
  let at = 0;
  while (at < bytes.length) {
    const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.subarray(at, at + 64).toString('latin1'));
    if (!header) throw new Error('ffmpeg wrote something other than a P6 frame');
    const width = Number(header[1]);
    const height = Number(header[2]);
    const start = at + header[0].length;
    const end = start + width * height * 3;
    if (end > bytes.length) throw new Error('ffmpeg wrote a truncated frame');
    frames.push({ width, height, data: new Uint8Array(bytes.buffer, bytes.byteOffset + start, end - start) });
    at = end;
  }
  return frames;
}
