/**
 * The grey a text finder looks at: max(R,G,B) per pixel. Burned-in text is drawn in saturated
 * colours (white, yellow, green, cyan); a luminance grey makes yellow, green and cyan text dim, while
 * the brightest channel keeps every such colour at full strength.
 */
export interface GreyFrame {
  width: number;
  height: number;
  /** One byte per pixel, row-major. */
  data: Uint8Array;
}

/** Pixels as renderers hand them over: 1 (grey), 3 (RGB) or 4 (RGBA) interleaved channels. */
export interface PixelFrame {
  width: number;
  height: number;
  channels: number;
  data: Uint8Array;
}

export function maxChannelGrey(frame: PixelFrame): GreyFrame {
  const { width, height, channels, data } = frame;
  if (channels === 1) return { width, height, data };
  const out = new Uint8Array(width * height);
  const colour = Math.min(channels, 3);
  for (let i = 0, p = 0; i < out.length; i++, p += channels) {
    let m = data[p]!;
    for (let c = 1; c < colour; c++) if (data[p + c]! > m) m = data[p + c]!;
    out[i] = m;
  }
  return { width, height, data: out };
}
