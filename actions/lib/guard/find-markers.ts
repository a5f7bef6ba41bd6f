import { isPreamblelessDicom } from './detect-data-file.js';

/**
 * Formats found anywhere in a blob, not only at its start: a DICOM with bytes prepended, a PNG after
 * a text preamble, a zip behind a prefix (its end record is what unzip looks for).
 */
export interface Markers {
  dicom: boolean;
  png: boolean;
  jpeg: boolean;
  pdf: boolean;
  /** Offset of the last zip end-of-central-directory record, if any. */
  zipEnd?: number;
}

const WINDOW_TAIL = 64;
/** Caps the structural checks on candidate preamble-less DICOM starts in one blob. */
const MAX_DICOM_PROBES = 200_000;

const DICM = Buffer.from('DICM');
const PIXEL_LE = Buffer.from([0xe0, 0x7f, 0x10, 0x00]);
const PIXEL_BE = Buffer.from([0x7f, 0xe0, 0x00, 0x10]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const PDF = Buffer.from('%PDF-');
const EOCD = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

function upper(b: number | undefined): boolean {
  return b !== undefined && b >= 0x41 && b <= 0x5a;
}

function isOtherVr(w: Buffer, at: number): boolean {
  return w[at] === 0x4f && (w[at + 1] === 0x42 || w[at + 1] === 0x57); // OB or OW
}

/** One streaming pass (a window per chunk, overlapping so no marker is split unseen). */
export async function findMarkers(chunks: AsyncIterable<Buffer> | Iterable<Buffer>): Promise<Markers> {
  const found: Markers = { dicom: false, png: false, jpeg: false, pdf: false };
  let carry = Buffer.alloc(0);
  let base = 0; // blob offset of the window's first byte
  let probes = 0;
  const scan = (w: Buffer, final: boolean) => {
    // Only matches starting before `limit` are judged now; the rest come back with the next window.
    const limit = final ? w.length : Math.max(0, w.length - WINDOW_TAIL);
    const each = (needle: Buffer, judge: (at: number) => boolean): boolean => {
      for (let at = w.indexOf(needle); at >= 0 && at < limit; at = w.indexOf(needle, at + 1)) {
        if (judge(at)) return true;
      }
      return false;
    };
    if (!found.dicom) {
      found.dicom =
        each(
          DICM,
          (at) => w[at + 4] === 0x02 && w[at + 5] === 0x00 && upper(w[at + 8]) && upper(w[at + 9]),
        ) ||
        each(PIXEL_LE, (at) => {
          if (isOtherVr(w, at + 4) && w[at + 6] === 0 && w[at + 7] === 0) return true;
          if (at + 8 > w.length) return false;
          const length = w.readUInt32LE(at + 4);
          return length === 0xffffffff || (length > 0 && length % 2 === 0);
        }) ||
        each(PIXEL_BE, (at) => isOtherVr(w, at + 4)) ||
        (probes < MAX_DICOM_PROBES &&
          (each(Buffer.from([0x08, 0x00]), (at) => probe(w, at)) ||
            each(Buffer.from([0x02, 0x00]), (at) => probe(w, at)) ||
            each(Buffer.from([0x00, 0x08, 0x00]), (at) => probeBigEndian(w, at)) ||
            each(Buffer.from([0x00, 0x02, 0x00]), (at) => probeBigEndian(w, at))));
    }
    if (!found.png) found.png = each(PNG, () => true);
    if (!found.jpeg) found.jpeg = each(JPEG, (at) => w[at + 3]! >= 0xc0 && w[at + 3] !== 0xff);
    if (!found.pdf) found.pdf = each(PDF, (at) => base + at < 1024);
    for (let at = w.lastIndexOf(EOCD); at >= 0; at = -1) if (at < limit) found.zipEnd = base + at;
  };
  // A preamble-less data set starts with group 0002 or 0008; three elements must parse.
  const probe = (w: Buffer, at: number): boolean => {
    if (++probes > MAX_DICOM_PROBES) return false;
    if (w[at + 3] !== 0x00 || (w[at + 2]! > 0x20 && w[at + 2] !== 0)) return false;
    return isPreamblelessDicom(w.subarray(at, at + 4096));
  };
  const probeBigEndian = (w: Buffer, at: number): boolean => {
    if (++probes > MAX_DICOM_PROBES) return false;
    if (w[at + 3]! > 0x20 || !upper(w[at + 4]) || !upper(w[at + 5])) return false;
    return isPreamblelessDicom(w.subarray(at, at + 4096));
  };
  for await (const chunk of chunks) {
    const w = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    scan(w, false);
    const keep = Math.min(w.length, WINDOW_TAIL);
    base += w.length - keep;
    carry = Buffer.from(w.subarray(w.length - keep));
  }
  scan(carry, true);
  return found;
}
