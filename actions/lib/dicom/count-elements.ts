/**
 * A cheap walk over element headers that stops once a data set holds more elements than a limit:
 * dicom-parser allocates an object per element (~200 bytes), so millions of empty elements in a
 * small file would cost seconds and gigabytes, and can exhaust the heap, before any check runs.
 */

const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);

/**
 * Whether the data set starting at `start` holds more than `limit` elements (items and nested
 * elements included). Walks headers only; stops at the first header it cannot read, leaving the
 * real parse to report that.
 */
export function exceedsElementLimit(
  bytes: Uint8Array,
  start: number,
  syntax: { explicitVr: boolean; littleEndian: boolean },
  limit: number,
): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = start;
  let count = 0;
  while (pos + 8 <= bytes.length) {
    if (++count > limit) return true;
    const le = syntax.littleEndian || view.getUint16(pos, true) === 0x0002;
    const group = view.getUint16(pos, le);
    let length: number;
    let header = 8;
    const a = bytes[pos + 4]!;
    const b = bytes[pos + 5]!;
    const vr = String.fromCharCode(a, b);
    if (group === 0xfffe || !syntax.explicitVr || !(a >= 0x41 && a <= 0x5a && b >= 0x41 && b <= 0x5a)) {
      length = view.getUint32(pos + 4, le);
    } else if (LONG_VRS.has(vr)) {
      if (pos + 12 > bytes.length) return false;
      header = 12;
      length = view.getUint32(pos + 8, le);
    } else {
      length = view.getUint16(pos + 6, le);
    }
    // Step into sequences, items and undefined lengths; step over every other value.
    const into = length === 0xffffffff || vr === 'SQ' || group === 0xfffe;
    pos += header + (into ? 0 : length);
  }
  return false;
}
