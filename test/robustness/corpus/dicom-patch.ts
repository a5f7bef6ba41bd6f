/** Byte-level edits of a DICOM file found by its element spans (little-endian files only). */
import { type ElementSpan, elementSpans } from './element-boundaries.js';

/** The first element with `tag`, or undefined. */
export function findSpan(bytes: Uint8Array, tag: number): ElementSpan | undefined {
  return elementSpans(bytes).find((s) => s.tag === tag);
}

/** A copy of `bytes` with the first US value of `tag` set to `value` (undefined if absent). */
export function withUint16(bytes: Uint8Array, tag: number, value: number): Uint8Array | undefined {
  const span = findSpan(bytes, tag);
  if (!span) return undefined;
  const copy = new Uint8Array(bytes);
  new DataView(copy.buffer).setUint16(span.offset + span.headerLength, value, true);
  return copy;
}

/** A copy with the length field of the element at `span` replaced (explicit or implicit VR). */
export function withLength(bytes: Uint8Array, span: ElementSpan, length: number): Uint8Array {
  const copy = new Uint8Array(bytes);
  const view = new DataView(copy.buffer);
  if (span.headerLength === 12) view.setUint32(span.offset + 8, length >>> 0, true);
  else if (isExplicitShort(bytes, span)) view.setUint16(span.offset + 6, length & 0xffff, true);
  else view.setUint32(span.offset + 4, length >>> 0, true);
  return copy;
}

function isExplicitShort(bytes: Uint8Array, span: ElementSpan): boolean {
  const a = bytes[span.offset + 4]!;
  const b = bytes[span.offset + 5]!;
  return a >= 0x41 && a <= 0x5a && b >= 0x41 && b <= 0x5a && span.tag >>> 16 !== 0xfffe;
}

/**
 * Replaces the last encapsulated pixel-data fragment with `fragment` (padded to even length), keeping
 * the file otherwise well formed: the codec, not the parser, meets the damage.
 */
export function withLastFragment(bytes: Uint8Array, fragment: Uint8Array): Uint8Array | undefined {
  const spans = elementSpans(bytes);
  const pixel = spans.findIndex((s) => s.tag === 0x7fe00010 && s.valueEnd === undefined);
  if (pixel < 0) return undefined;
  const items = spans.slice(pixel + 1).filter((s) => s.tag === 0xfffee000);
  const last = items.at(-1);
  if (!last || items.length < 2 || last.valueEnd === undefined) return undefined;
  const padded = new Uint8Array(fragment.length + (fragment.length % 2));
  padded.set(fragment);
  const out = new Uint8Array(last.offset + 8 + padded.length + (bytes.length - last.valueEnd));
  out.set(bytes.subarray(0, last.offset + 8));
  new DataView(out.buffer).setUint32(last.offset + 4, padded.length, true);
  out.set(padded, last.offset + 8);
  out.set(bytes.subarray(last.valueEnd), last.offset + 8 + padded.length);
  return out;
}

/** The value of the last encapsulated fragment (the compressed stream of a one-fragment frame). */
export function lastFragment(bytes: Uint8Array): Uint8Array | undefined {
  const spans = elementSpans(bytes);
  const pixel = spans.findIndex((s) => s.tag === 0x7fe00010 && s.valueEnd === undefined);
  if (pixel < 0) return undefined;
  const last = spans
    .slice(pixel + 1)
    .filter((s) => s.tag === 0xfffee000)
    .at(-1);
  return last?.valueEnd === undefined ? undefined : bytes.subarray(last.offset + 8, last.valueEnd);
}

/** Offset just past the pixel data (its value, or its sequence delimiter): cuts before it lose pixels. */
export function pixelDataEnd(bytes: Uint8Array): number | undefined {
  const spans = elementSpans(bytes);
  const pixel = spans.findIndex((s) => s.tag === 0x7fe00010);
  if (pixel < 0) return undefined;
  const span = spans[pixel]!;
  if (span.valueEnd !== undefined) return span.valueEnd;
  const lastItem = spans
    .slice(pixel + 1)
    .filter((s) => s.tag === 0xfffee000)
    .at(-1);
  return lastItem?.valueEnd;
}
