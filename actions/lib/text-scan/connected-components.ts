import type { Box } from './box.js';

/** One 8-connected blob of a mask: its box and pixel count. */
export interface Component extends Box {
  pixels: number;
}

/**
 * 8-connected components of a 0/1 mask, with an explicit stack (no recursion: a frame can be one big
 * blob). Stops collecting after `limit` components; a frame with more is not a page of text.
 */
export function connectedComponents(
  mask: Uint8Array,
  width: number,
  height: number,
  limit: number,
): Component[] {
  const seen = new Uint8Array(mask.length);
  const stack = new Int32Array(mask.length);
  const out: Component[] = [];
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || seen[start]) continue;
    let top = 0;
    stack[top++] = start;
    seen[start] = 1;
    const c: Component = { left: width, top: height, right: 0, bottom: 0, pixels: 0 };
    while (top > 0) {
      const p = stack[--top]!;
      const x = p % width;
      const y = (p - x) / width;
      c.pixels++;
      if (x < c.left) c.left = x;
      if (x >= c.right) c.right = x + 1;
      if (y < c.top) c.top = y;
      if (y >= c.bottom) c.bottom = y + 1;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= width) continue;
          const q = ny * width + nx;
          if (mask[q] && !seen[q]) {
            seen[q] = 1;
            stack[top++] = q;
          }
        }
      }
    }
    out.push(c);
    if (out.length >= limit) break;
  }
  return out;
}
