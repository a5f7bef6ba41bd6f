/**
 * A small DICOM Part 10 writer for tests and synthetic images: 128-byte preamble, "DICM", a group 2
 * file meta header (always explicit VR little endian, as PS3.10 requires), then the data set in the
 * chosen transfer syntax. It writes what it is given and checks little: it exists to make test files,
 * including deliberately odd ones, not to validate them.
 */
import { writeFile } from 'node:fs/promises';
import { deflateRawSync } from 'node:zlib';
import { DICOM_KEYWORDS, type DicomKeyword, type Vr } from '../../dicom/dicom-keywords.js';

export type { DicomKeyword, Vr } from '../../dicom/dicom-keywords.js';

/** Transfer syntaxes the writer can encode itself. */
export type WritableTransferSyntax = 'implicit-le' | 'explicit-le' | 'explicit-be' | 'deflated' | 'rle';

/** UIDs of the writable transfer syntaxes. */
export const WRITABLE_TRANSFER_SYNTAX_UIDS: Record<WritableTransferSyntax, string> = {
  'implicit-le': '1.2.840.10008.1.2',
  'explicit-le': '1.2.840.10008.1.2.1',
  'explicit-be': '1.2.840.10008.1.2.2',
  deflated: '1.2.840.10008.1.2.1.99',
  rle: '1.2.840.10008.1.2.5',
};

/** Numeric arrays accepted for OB/OW/OF/OD/OL values and for native pixel data. */
export type NumericArray =
  | Uint8Array
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | Int32Array
  | Float32Array
  | Float64Array;

/** The items of a sequence: each item is a list of elements. */
export type DicomItems = readonly (readonly DicomElement[])[];

/**
 * An element value. Strings and numbers for text VRs (arrays become backslash-separated multi-values),
 * numbers for binary numeric VRs, typed arrays for OB/OW/OF/OD/OL/UN, item lists for SQ.
 */
export type DicomValue = string | number | readonly (string | number)[] | NumericArray | DicomItems;

/** One element, named by a keyword of the small dictionary or by tag (0xGGGGEEEE) with its VR. */
export type DicomElement =
  | { keyword: DicomKeyword; value: DicomValue; vr?: Vr }
  | { tag: number; vr: Vr; value: DicomValue };

/**
 * Pixel data already compressed, written encapsulated as given: each frame is one fragment, or a
 * list of fragments (to make files whose frames span several fragments).
 */
export interface EncapsulatedFrames {
  frames: readonly (Uint8Array | readonly Uint8Array[])[];
}

/** What to write. */
export interface DicomWriteInput {
  /** Data set elements (any order: they are sorted by tag). Do not include group 2. */
  elements: readonly DicomElement[];
  /**
   * Pixel data. A typed array holds the native stored values of all frames, frame after frame, in
   * the layout PlanarConfiguration declares; its element size sets the byte order unit for big
   * endian (Uint16Array/Int16Array → OW, Uint8Array → OB). `{ frames }` is written encapsulated.
   */
  pixelData?: NumericArray | EncapsulatedFrames;
  /**
   * A writable transfer syntax (default 'explicit-le'), or any transfer syntax UID together with
   * `pixelData: { frames }` (e.g. to make a JPEG or an unsupported-syntax test file).
   */
  transferSyntax?: WritableTransferSyntax | string;
  /** Media storage SOP class; defaults to the SOPClassUID element, else CT Image Storage. */
  mediaStorageSopClassUid?: string;
  /** Omit the preamble and meta header (a bare data set, as some old files are). */
  omitMetaHeader?: boolean;
}

const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';
const IMPLEMENTATION_CLASS_UID = '1.2.826.0.1.3680043.10.1541.1';
const DEFAULT_INSTANCE_UID = '1.2.826.0.1.3680043.10.1541.2.1';
const LONG_LENGTH_VRS = new Set<Vr>(['OB', 'OD', 'OF', 'OL', 'OW', 'SQ', 'UC', 'UN', 'UR', 'UT']);
const BINARY_VRS = new Set<Vr>(['OB', 'OD', 'OF', 'OL', 'OW', 'UN']);
const NUMBER_VRS: Partial<Record<Vr, { size: number; kind: 'u' | 'i' | 'f' | 'tag' }>> = {
  US: { size: 2, kind: 'u' },
  SS: { size: 2, kind: 'i' },
  UL: { size: 4, kind: 'u' },
  SL: { size: 4, kind: 'i' },
  FL: { size: 4, kind: 'f' },
  FD: { size: 8, kind: 'f' },
  AT: { size: 4, kind: 'tag' },
};

interface Syntax {
  explicit: boolean;
  littleEndian: boolean;
}

/** Encodes a Part 10 DICOM file into bytes. */
export function encodeDicom(input: DicomWriteInput): Uint8Array {
  const ts = input.transferSyntax ?? 'explicit-le';
  const known = ts in WRITABLE_TRANSFER_SYNTAX_UIDS ? (ts as WritableTransferSyntax) : undefined;
  const tsUid = known ? WRITABLE_TRANSFER_SYNTAX_UIDS[known] : ts;
  const syntax: Syntax = {
    explicit: known !== 'implicit-le',
    littleEndian: known !== 'explicit-be',
  };

  const elements = input.elements.map(resolveElement);
  if (input.pixelData !== undefined) {
    elements.push(pixelDataElement(input.pixelData, known, elements));
  }
  elements.sort((a, b) => a.tag - b.tag);
  let dataSet = concat(elements.map((e) => encodeElement(e, syntax)));
  if (known === 'deflated') dataSet = new Uint8Array(deflateRawSync(dataSet));
  if (input.omitMetaHeader) return dataSet;

  const sopClass = input.mediaStorageSopClassUid ?? stringValueOf(elements, 0x00080016) ?? CT_IMAGE_STORAGE;
  const sopInstance = stringValueOf(elements, 0x00080018) ?? DEFAULT_INSTANCE_UID;
  const le: Syntax = { explicit: true, littleEndian: true };
  const metaBody = concat([
    encodeElement({ tag: 0x00020001, vr: 'OB', value: new Uint8Array([0, 1]) }, le),
    encodeElement({ tag: 0x00020002, vr: 'UI', value: sopClass }, le),
    encodeElement({ tag: 0x00020003, vr: 'UI', value: sopInstance }, le),
    encodeElement({ tag: 0x00020010, vr: 'UI', value: tsUid }, le),
    encodeElement({ tag: 0x00020012, vr: 'UI', value: IMPLEMENTATION_CLASS_UID }, le),
    encodeElement({ tag: 0x00020013, vr: 'SH', value: 'CLINICAL_MANIF' }, le),
  ]);
  const groupLength = encodeElement({ tag: 0x00020000, vr: 'UL', value: metaBody.length }, le);
  const header = new Uint8Array(132);
  header.set([0x44, 0x49, 0x43, 0x4d], 128);
  return concat([header, groupLength, metaBody, dataSet]);
}

/**
 * Writes a Part 10 DICOM file. Example:
 *
 * ```ts
 * await writeDicom('ct.dcm', {
 *   elements: [
 *     { keyword: 'PatientName', value: 'Doe^Jane' },
 *     { keyword: 'Modality', value: 'CT' },
 *     { keyword: 'Rows', value: 2 }, { keyword: 'Columns', value: 2 },
 *     { keyword: 'SamplesPerPixel', value: 1 }, { keyword: 'PhotometricInterpretation', value: 'MONOCHROME2' },
 *     { keyword: 'BitsAllocated', value: 16 }, { keyword: 'BitsStored', value: 12 },
 *     { keyword: 'HighBit', value: 11 }, { keyword: 'PixelRepresentation', value: 0 },
 *     { keyword: 'RescaleSlope', value: 1 }, { keyword: 'RescaleIntercept', value: -1024 },
 *   ],
 *   pixelData: new Uint16Array([0, 1024, 1064, 2048]),
 * });
 * ```
 */
export async function writeDicom(file: string, input: DicomWriteInput): Promise<void> {
  await writeFile(file, encodeDicom(input));
}

interface ResolvedElement {
  tag: number;
  vr: Vr;
  value: DicomValue;
  /** Encapsulated pixel data: written with undefined length. */
  fragments?: readonly Uint8Array[];
}

function resolveElement(element: DicomElement): ResolvedElement {
  if ('keyword' in element) {
    const [tag, vr] = DICOM_KEYWORDS[element.keyword];
    return { tag, vr: element.vr ?? vr, value: element.value };
  }
  return { tag: element.tag >>> 0, vr: element.vr, value: element.value };
}

function stringValueOf(elements: readonly ResolvedElement[], tag: number): string | undefined {
  const found = elements.find((e) => e.tag === tag);
  return typeof found?.value === 'string' ? found.value : undefined;
}

function numberValueOf(elements: readonly ResolvedElement[], tag: number, fallback: number): number {
  const found = elements.find((e) => e.tag === tag)?.value;
  if (typeof found === 'number') return found;
  if (typeof found === 'string' && found.trim() !== '') return Number(found);
  return fallback;
}

function pixelDataElement(
  pixelData: NumericArray | EncapsulatedFrames,
  known: WritableTransferSyntax | undefined,
  elements: readonly ResolvedElement[],
): ResolvedElement {
  if ('frames' in pixelData) {
    return { tag: 0x7fe00010, vr: 'OB', value: new Uint8Array(0), fragments: pixelData.frames.flat() };
  }
  if (known === undefined) {
    throw new Error(
      'writeDicom: a transfer syntax UID other than the writable ones needs pixelData { frames }',
    );
  }
  if (known === 'rle') {
    const rows = numberValueOf(elements, 0x00280010, 0);
    const columns = numberValueOf(elements, 0x00280011, 0);
    const samples = numberValueOf(elements, 0x00280002, 1);
    const planar = numberValueOf(elements, 0x00280006, 0);
    return {
      tag: 0x7fe00010,
      vr: 'OB',
      value: new Uint8Array(0),
      fragments: rleEncodeFrames(pixelData, rows, columns, samples, planar),
    };
  }
  return { tag: 0x7fe00010, vr: pixelData.BYTES_PER_ELEMENT === 1 ? 'OB' : 'OW', value: pixelData };
}

function encodeElement(element: ResolvedElement, syntax: Syntax): Uint8Array {
  const header = (vr: Vr, length: number): Uint8Array => {
    const long = !syntax.explicit || LONG_LENGTH_VRS.has(vr) || length === 0xffffffff;
    const bytes = new Uint8Array(syntax.explicit ? (long ? 12 : 8) : 8);
    const view = new DataView(bytes.buffer);
    const le = syntax.littleEndian;
    view.setUint16(0, element.tag >>> 16, le);
    view.setUint16(2, element.tag & 0xffff, le);
    if (!syntax.explicit) {
      view.setUint32(4, length, le);
    } else {
      bytes[4] = vr.charCodeAt(0);
      bytes[5] = vr.charCodeAt(1);
      if (long) view.setUint32(8, length, le);
      else view.setUint16(6, length, le);
    }
    return bytes;
  };

  if (element.fragments) {
    const parts: Uint8Array[] = [header('OB', 0xffffffff), itemHeader(0, syntax)];
    for (const fragment of element.fragments) {
      const padded = padBytes(fragment);
      parts.push(itemHeader(padded.length, syntax), padded);
    }
    parts.push(delimiter(0xfffee0dd, syntax));
    return concat(parts);
  }

  const value = encodeValue(element.vr, element.value, syntax);
  return concat([header(element.vr, value.length), value]);
}

function encodeValue(vr: Vr, value: DicomValue, syntax: Syntax): Uint8Array {
  if (vr === 'SQ') {
    if (!isItems(value)) throw new Error('writeDicom: an SQ value must be a list of items');
    const parts: Uint8Array[] = [];
    for (const item of value) {
      const body = concat(
        item
          .map(resolveElement)
          .sort((a, b) => a.tag - b.tag)
          .map((e) => encodeElement(e, syntax)),
      );
      parts.push(itemHeader(body.length, syntax), body);
    }
    return concat(parts);
  }
  const numeric = NUMBER_VRS[vr];
  if (numeric) return encodeNumbers(value, numeric, syntax.littleEndian);
  if (BINARY_VRS.has(vr)) {
    if (!ArrayBuffer.isView(value)) throw new Error(`writeDicom: a ${vr} value must be a typed array`);
    const unit = vr === 'OB' || vr === 'UN' ? 1 : vr === 'OW' ? 2 : vr === 'OD' ? 8 : 4;
    return padBytes(toBytes(value, syntax.littleEndian, unit));
  }
  return encodeText(vr, value);
}

function encodeNumbers(
  value: DicomValue,
  format: { size: number; kind: 'u' | 'i' | 'f' | 'tag' },
  le: boolean,
): Uint8Array {
  const numbers: number[] =
    typeof value === 'number' ? [value] : Array.from(value as ArrayLike<number>, Number);
  const bytes = new Uint8Array(numbers.length * format.size);
  const view = new DataView(bytes.buffer);
  numbers.forEach((n, i) => {
    const at = i * format.size;
    if (format.kind === 'f') {
      if (format.size === 4) view.setFloat32(at, n, le);
      else view.setFloat64(at, n, le);
    } else if (format.size === 2) {
      if (format.kind === 'u') view.setUint16(at, n, le);
      else view.setInt16(at, n, le);
    } else if (format.kind === 'tag') {
      // AT is a tag: group then element, each in the syntax's byte order.
      view.setUint16(at, n >>> 16, le);
      view.setUint16(at + 2, n & 0xffff, le);
    } else if (format.kind === 'u') {
      view.setUint32(at, n >>> 0, le);
    } else {
      view.setInt32(at, n, le);
    }
  });
  return bytes;
}

function encodeText(vr: Vr, value: DicomValue): Uint8Array {
  const parts: (string | number)[] =
    typeof value === 'string' || typeof value === 'number'
      ? [value]
      : (Array.from(value as ArrayLike<string | number>) as (string | number)[]);
  const text = parts.map((part) => (typeof part === 'number' ? formatNumber(vr, part) : part)).join('\\');
  const bytes = Buffer.from(text, 'latin1');
  const padded = new Uint8Array(bytes.length + (bytes.length % 2));
  padded.set(bytes);
  if (bytes.length % 2) padded[bytes.length] = vr === 'UI' ? 0 : 0x20;
  return padded;
}

/** DS values hold at most 16 characters; IS values are integers. */
function formatNumber(vr: Vr, n: number): string {
  if (vr === 'IS') return String(Math.trunc(n));
  if (vr !== 'DS') return String(n);
  let text = String(n);
  for (let precision = 15; text.length > 16 && precision > 1; precision--) {
    text = String(Number(n.toPrecision(precision)));
    if (text.length > 16) text = n.toPrecision(precision).replace(/\.?0+e/, 'e');
  }
  return text;
}

function isItems(value: DicomValue): value is DicomItems {
  return Array.isArray(value) && value.every((item) => Array.isArray(item));
}

/** Bytes of a typed array in the syntax's byte order, swapping `unit`-byte words for big endian. */
function toBytes(array: NumericArray, le: boolean, unit: number): Uint8Array {
  const bytes = new Uint8Array(array.buffer.slice(array.byteOffset, array.byteOffset + array.byteLength));
  if (le || unit === 1) return bytes;
  const size = Math.max(unit, array.BYTES_PER_ELEMENT);
  for (let i = 0; i + size <= bytes.length; i += size) bytes.subarray(i, i + size).reverse();
  return bytes;
}

function padBytes(bytes: Uint8Array): Uint8Array {
  if (bytes.length % 2 === 0) return bytes;
  const padded = new Uint8Array(bytes.length + 1);
  padded.set(bytes);
  return padded;
}

function itemHeader(length: number, syntax: Syntax): Uint8Array {
  const bytes = new Uint8Array(8);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, 0xfffe, syntax.littleEndian);
  view.setUint16(2, 0xe000, syntax.littleEndian);
  view.setUint32(4, length, syntax.littleEndian);
  return bytes;
}

function delimiter(tag: number, syntax: Syntax): Uint8Array {
  const bytes = itemHeader(0, syntax);
  new DataView(bytes.buffer).setUint16(2, tag & 0xffff, syntax.littleEndian);
  return bytes;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * RLE Lossless (PS3.5 Annex G): per frame, one segment per sample per byte of the sample, most
 * significant byte first, each PackBits-encoded, after a 64-byte header of segment offsets.
 */
function rleEncodeFrames(
  pixels: NumericArray,
  rows: number,
  columns: number,
  samples: number,
  planar: number,
): Uint8Array[] {
  const bytesPerSample = pixels.BYTES_PER_ELEMENT;
  const pixelCount = rows * columns;
  const frameValues = pixelCount * samples;
  if (frameValues === 0) throw new Error('writeDicom: RLE needs Rows, Columns and SamplesPerPixel elements');
  const raw = toBytes(pixels, true, 1);
  const frames: Uint8Array[] = [];
  for (let start = 0; start + frameValues <= pixels.length; start += frameValues) {
    const segments: Uint8Array[] = [];
    for (let s = 0; s < samples; s++) {
      for (let b = bytesPerSample - 1; b >= 0; b--) {
        const plane = new Uint8Array(pixelCount);
        for (let p = 0; p < pixelCount; p++) {
          const index = start + (planar === 1 ? s * pixelCount + p : p * samples + s);
          plane[p] = raw[index * bytesPerSample + b]!;
        }
        segments.push(padBytes(packBits(plane, columns)));
      }
    }
    const header = new Uint8Array(64);
    const view = new DataView(header.buffer);
    view.setUint32(0, segments.length, true);
    let offset = 64;
    segments.forEach((segment, i) => {
      view.setUint32(4 + i * 4, offset, true);
      offset += segment.length;
    });
    frames.push(concat([header, ...segments]));
  }
  return frames;
}

/** PackBits, one row at a time (runs never cross a row, as PS3.5 G.3.1 recommends). */
function packBits(plane: Uint8Array, rowLength: number): Uint8Array {
  const out: number[] = [];
  for (let rowStart = 0; rowStart < plane.length; rowStart += rowLength) {
    const end = Math.min(rowStart + rowLength, plane.length);
    let i = rowStart;
    while (i < end) {
      let run = 1;
      while (i + run < end && run < 128 && plane[i + run] === plane[i]) run++;
      if (run >= 2) {
        out.push(257 - run, plane[i]!);
        i += run;
        continue;
      }
      let literal = 1;
      while (
        i + literal < end &&
        literal < 128 &&
        !(i + literal + 1 < end && plane[i + literal] === plane[i + literal + 1])
      ) {
        literal++;
      }
      out.push(literal - 1);
      for (let k = 0; k < literal; k++) out.push(plane[i + k]!);
      i += literal;
    }
  }
  return Uint8Array.from(out);
}
