/**
 * Segmented palette colour LUTs (PS3.3 C.7.9.2): discrete, linear and indirect segments expanded to
 * a plain table. Hostile data cannot loop or grow it: output stops at the declared entry count and
 * indirect segments nest at most a few levels.
 */

/** Expands segmented LUT data (8- or 16-bit words) to at most `entries` values. */
export function expandSegmentedLut(data: ArrayLike<number>, entries: number): Uint16Array {
  const out: number[] = [];
  expand(data, 0, Number.POSITIVE_INFINITY, out, entries, 0);
  if (out.length === 0) throw new Error('empty segmented lookup table');
  const table = new Uint16Array(entries);
  table.set(out.slice(0, entries));
  // A short expansion repeats its last value, as a LUT's last entry applies past its end.
  if (out.length < entries) table.fill(out[out.length - 1]!, out.length);
  return table;
}

function expand(
  data: ArrayLike<number>,
  start: number,
  segments: number,
  out: number[],
  entries: number,
  depth: number,
): void {
  if (depth > 4) throw new Error('indirect segments nest too deeply');
  let at = start;
  for (let read = 0; read < segments && at + 1 < data.length && out.length < entries; read++) {
    const opcode = data[at]!;
    const length = data[at + 1]!;
    at += 2;
    if (opcode === 0) {
      for (let i = 0; i < length && at + i < data.length; i++) out.push(data[at + i]!);
      at += length;
    } else if (opcode === 1) {
      if (out.length === 0) throw new Error('a segmented LUT cannot start with a linear segment');
      const y0 = out[out.length - 1]!;
      const y1 = data[at++] ?? y0;
      const step = (y1 - y0) / length;
      for (let i = 1; i <= length && out.length < entries; i++) out.push(Math.round(y0 + step * i));
    } else if (opcode === 2) {
      if (out.length === 0) throw new Error('a segmented LUT cannot start with an indirect segment');
      const offset = (data[at] ?? 0) | ((data[at + 1] ?? 0) << 16);
      at += 2;
      expand(data, offset, length, out, entries, depth + 1);
    } else {
      throw new Error('unknown segment type');
    }
  }
}
