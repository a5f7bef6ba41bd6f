/**
 * Reads the few JPEG markers that decide colour handling, the way libjpeg does
 * (jdapimin.c default_decompress_parms), so we know whether a decoder converted YCbCr to RGB.
 */

/** Header facts of a JPEG stream. */
export interface JpegHeader {
  /** Sample precision of the frame (8 or 12 for DCT, 2..16 for lossless). */
  precision: number;
  components: number;
  /** SOF marker number: 0xc0 baseline, 0xc1 extended, 0xc3 lossless, … */
  sof: number;
  /** libjpeg would treat a 3-component stream as YCbCr and convert it to RGB. */
  ycbcr: boolean;
  /** An APP1 Exif segment (which may carry an orientation) before the scan. */
  exif: boolean;
  /** An APP2 ICC profile segment before the scan. */
  icc: boolean;
  /** Frame size from the SOF segment. */
  width: number;
  height: number;
}

/** Scans markers up to the first start-of-scan. Returns undefined for something that is not JPEG. */
export function readJpegHeader(bytes: Uint8Array): JpegHeader | undefined {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  let jfif = false;
  let adobeTransform: number | undefined;
  let exif = false;
  let icc = false;
  let header: Omit<JpegHeader, 'ycbcr' | 'exif' | 'icc'> | undefined;
  let ids: number[] = [];
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at++;
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    const body = at + 4;
    if (marker === 0xe0 && text(bytes, body, 5) === 'JFIF\0') jfif = true;
    if (marker === 0xe1 && text(bytes, body, 4) === 'Exif') exif = true;
    if (marker === 0xe2 && text(bytes, body, 11) === 'ICC_PROFILE') icc = true;
    if (marker === 0xee && text(bytes, body, 5) === 'Adobe' && length >= 12)
      adobeTransform = bytes[body + 11];
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const components = bytes[body + 5] ?? 0;
      header = {
        precision: bytes[body] ?? 0,
        components,
        sof: marker,
        height: ((bytes[body + 1] ?? 0) << 8) | (bytes[body + 2] ?? 0),
        width: ((bytes[body + 3] ?? 0) << 8) | (bytes[body + 4] ?? 0),
      };
      ids = Array.from({ length: components }, (_, i) => bytes[body + 6 + i * 3] ?? 0);
    }
    if (marker === 0xda || marker === 0xd9) break;
    at += 2 + length;
  }
  if (!header) return undefined;
  let ycbcr = false;
  if (header.components === 3) {
    if (jfif) ycbcr = true;
    else if (adobeTransform !== undefined) ycbcr = adobeTransform !== 0;
    else ycbcr = !(ids[0] === 0x52 && ids[1] === 0x47 && ids[2] === 0x42);
  }
  return { ...header, ycbcr, exif, icc };
}

function text(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}
