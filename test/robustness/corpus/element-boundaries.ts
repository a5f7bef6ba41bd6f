/**
 * Where the elements of a DICOM Part 10 file begin: the preamble, the meta header, every data-set
 * element, sequence item and delimiter, and every encapsulated pixel-data fragment. A small walker of
 * our own, independent of the parser under test, so truncations land exactly on the edges the
 * parser must handle. Deflated data sets have no visible elements after the meta header.
 */

/** One element header: where it starts, how long its header is, and where its value ends. */
export interface ElementSpan {
  offset: number;
  tag: number;
  headerLength: number;
  /** Offset after the value; undefined for undefined-length elements and items. */
  valueEnd?: number;
}

const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);
const ITEM_TAGS = new Set([0xfffee000, 0xfffee00d, 0xfffee0dd]);

/** Every element header of `bytes`, in file order (empty if there is no DICM marker). */
export function elementSpans(bytes: Uint8Array): ElementSpan[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 132 || String.fromCharCode(...bytes.subarray(128, 132)) !== 'DICM') return [];
  const spans: ElementSpan[] = [];
  let transferSyntax = '';
  let pos = 132;
  let inEncapsulated = false;
  while (pos + 8 <= bytes.length) {
    const inMeta = view.getUint16(pos, true) === 0x0002;
    if (!inMeta && transferSyntax === '1.2.840.10008.1.2.1.99') break; // deflated: nothing to see
    const le = inMeta || transferSyntax !== '1.2.840.10008.1.2.2';
    const tag = ((view.getUint16(pos, le) << 16) | view.getUint16(pos + 2, le)) >>> 0;
    const vr = String.fromCharCode(bytes[pos + 4]!, bytes[pos + 5]!);
    const explicit = inMeta || (transferSyntax !== '1.2.840.10008.1.2' && /^[A-Z]{2}$/.test(vr));
    let headerLength: number;
    let length: number;
    if (ITEM_TAGS.has(tag)) {
      headerLength = 8;
      length = view.getUint32(pos + 4, le);
    } else if (!explicit) {
      headerLength = 8;
      length = view.getUint32(pos + 4, le);
    } else if (LONG_VRS.has(vr)) {
      if (pos + 12 > bytes.length) break;
      headerLength = 12;
      length = view.getUint32(pos + 8, le);
    } else {
      headerLength = 8;
      length = view.getUint16(pos + 6, le);
    }
    const undefinedLength = length === 0xffffffff;
    const span: ElementSpan = { offset: pos, tag, headerLength };
    if (!undefinedLength) span.valueEnd = pos + headerLength + length;
    spans.push(span);
    if (tag === 0x00020010) {
      transferSyntax = String.fromCharCode(...bytes.subarray(pos + headerLength, pos + headerLength + length))
        .replace(/\0/g, '')
        .trim();
    }
    if (tag === 0x7fe00010 && undefinedLength) inEncapsulated = true;
    if (tag === 0xfffee0dd) inEncapsulated = false;
    // Step into sequences and their items; skip values and pixel-data fragments.
    const steppedInto =
      undefinedLength || vr === 'SQ' || (tag === 0xfffee000 && !inEncapsulated) || tag === 0xfffee00d;
    pos += headerLength + (steppedInto || tag === 0xfffee0dd ? 0 : length);
  }
  return spans;
}

/**
 * Cut points for truncation: each element's start and, when `fine`, the middle of its header, the
 * end of its header and the middle of its value; plus the preamble's and the marker's edges.
 * Sorted, unique, below the file's length.
 */
export function truncationPoints(bytes: Uint8Array, fine = true): number[] {
  const points = new Set<number>([0, 1, 64, 128, 130, 132]);
  for (const span of elementSpans(bytes)) {
    points.add(span.offset);
    if (!fine) continue;
    points.add(span.offset + (span.headerLength >> 1));
    points.add(span.offset + span.headerLength);
    if (span.valueEnd !== undefined) points.add((span.offset + span.headerLength + span.valueEnd) >> 1);
  }
  return [...points].filter((p) => p < bytes.length).sort((a, b) => a - b);
}
