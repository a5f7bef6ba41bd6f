import { constants, inflateSync } from 'node:zlib';
import { detectScienceKind, type ScienceKind } from './detect-formats/science-formats.js';
import { detectPointer, type PointerKind } from './detect-pointers.js';

export type { PointerKind } from './detect-pointers.js';

/**
 * Recognises imaging data, containers and archives by their first bytes, never by file name: a DICOM
 * renamed `notes.txt` is still a DICOM. Only the kind is reported, never a byte of the content.
 */

/** Kinds of imaging or array data that must never be tracked. */
export type DataKind =
  | 'dicom'
  | 'png'
  | 'jpeg'
  | 'jpeg2000'
  | 'gif'
  | 'tiff'
  | 'bmp'
  | 'webp'
  | 'mp4/mov'
  | 'avi'
  | 'matroska/webm'
  | 'mpeg-ts'
  | 'hdf5'
  | 'nifti'
  | 'analyze'
  | 'nrrd'
  | 'metaimage'
  | ScienceKind
  | 'pdf-images'
  | 'notebook-images';

/** Containers the guard looks inside. */
export type ArchiveKind = 'zip' | 'gzip' | 'zlib' | 'tar' | 'cpio' | 'ar';

/** Compressed or archive formats whose contents the guard cannot read without a codec it lacks. */
export type OpaqueKind = '7z' | 'rar' | 'xz' | 'bzip2' | 'zstd' | 'lzip' | 'lz4' | 'compress' | 'cab';

/** Binary formats named in messages; they carry no pixels by themselves but are still errors. */
export type BinaryFormat = 'PDF document' | 'Python pickle' | 'executable';

export type Detection =
  | { class: 'data'; kind: DataKind }
  | { class: 'archive'; kind: ArchiveKind }
  | { class: 'opaque-archive'; kind: OpaqueKind }
  | { class: 'lfs-pointer' }
  | { class: 'pointer'; kind: PointerKind }
  | { class: 'binary'; format?: BinaryFormat }
  | { class: 'text' };

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const HDF5 = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
const JP2 = [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a];
const SEVEN_ZIP = [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c];
const XZ = [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00];
const ZSTD = [0x28, 0xb5, 0x2f, 0xfd];
const MATROSKA = [0x1a, 0x45, 0xdf, 0xa3];

function startsWith(buf: Buffer, bytes: readonly number[], at = 0): boolean {
  if (buf.length < at + bytes.length) return false;
  for (let i = 0; i < bytes.length; i++) if (buf[at + i] !== bytes[i]) return false;
  return true;
}

function ascii(buf: Buffer, at: number, length: number): string {
  return buf.length < at + length ? '' : buf.toString('latin1', at, at + length);
}

/** Classifies a file (or an archive member) from its first bytes; `head` may be shorter than the file. */
export function detectContent(head: Buffer): Detection {
  const data = detectDataKind(head);
  if (data) return { class: 'data', kind: data };
  if (
    head.length >= 4 &&
    ascii(head, 0, 2) === 'PK' &&
    [0x0304, 0x0506, 0x0708].includes(head.readUInt16BE(2))
  ) {
    return { class: 'archive', kind: 'zip' };
  }
  if (startsWith(head, [0x1f, 0x8b, 0x08])) return { class: 'archive', kind: 'gzip' };
  if (isZlibHeader(head)) return { class: 'archive', kind: 'zlib' };
  if (isTarHeader(head)) return { class: 'archive', kind: 'tar' };
  if (/^07070[127]/.test(ascii(head, 0, 6)) || isBinaryCpio(head)) return { class: 'archive', kind: 'cpio' };
  if (ascii(head, 0, 8) === '!<arch>\n' || ascii(head, 0, 8) === '!<thin>\n')
    return { class: 'archive', kind: 'ar' };
  if (startsWith(head, SEVEN_ZIP)) return { class: 'opaque-archive', kind: '7z' };
  if (ascii(head, 0, 6) === 'Rar!\x1a\x07') return { class: 'opaque-archive', kind: 'rar' };
  if (startsWith(head, XZ)) return { class: 'opaque-archive', kind: 'xz' };
  if (ascii(head, 0, 3) === 'BZh' && head[3]! >= 0x31 && head[3]! <= 0x39 && ascii(head, 4, 6) === '1AY&SY') {
    return { class: 'opaque-archive', kind: 'bzip2' };
  }
  if (startsWith(head, ZSTD)) return { class: 'opaque-archive', kind: 'zstd' };
  if (ascii(head, 0, 4) === 'LZIP') return { class: 'opaque-archive', kind: 'lzip' };
  if (startsWith(head, [0x04, 0x22, 0x4d, 0x18])) return { class: 'opaque-archive', kind: 'lz4' };
  if (isUnixCompress(head)) return { class: 'opaque-archive', kind: 'compress' };
  if (ascii(head, 0, 4) === 'MSCF') return { class: 'opaque-archive', kind: 'cab' };
  const pointer = detectPointer(head);
  if (pointer === 'git-lfs') return { class: 'lfs-pointer' };
  if (pointer) return { class: 'pointer', kind: pointer };
  const format = binaryFormat(head);
  if (format) return { class: 'binary', format };
  return looksBinary(head) ? { class: 'binary' } : { class: 'text' };
}

/** The imaging or array format of `head`, if it is one. */
export function detectDataKind(head: Buffer): DataKind | undefined {
  if (ascii(head, 128, 4) === 'DICM') return 'dicom';
  const science = detectScienceKind(head);
  if (science) return science;
  if (startsWith(head, PNG)) return 'png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, JP2) || startsWith(head, [0xff, 0x4f, 0xff, 0x51])) return 'jpeg2000';
  const six = ascii(head, 0, 6);
  if (six === 'GIF87a' || six === 'GIF89a') return 'gif';
  const four = ascii(head, 0, 4);
  // Classic and BigTIFF, either byte order; whole-slide SVS files are TIFF.
  if (four === 'II*\0' || four === 'MM\0*' || four === 'II+\0' || four === 'MM\0+') return 'tiff';
  if (four === 'RIFF') {
    const form = ascii(head, 8, 4);
    if (form === 'AVI ') return 'avi';
    if (form === 'WEBP') return 'webp';
  }
  if (isIsoMedia(head)) return 'mp4/mov';
  if (startsWith(head, MATROSKA)) return 'matroska/webm';
  if (isMpegTransportStream(head)) return 'mpeg-ts';
  if (isHdf5(head)) return 'hdf5';
  const nifti = niftiKind(head);
  if (nifti) return nifti;
  if (/^NRRD000\d/.test(ascii(head, 0, 8))) return 'nrrd';
  if (/^ObjectType\s*=\s*Image\b/.test(ascii(head, 0, Math.min(head.length, 64)))) return 'metaimage';
  if (isBmp(head)) return 'bmp';
  if (isPreamblelessDicom(head)) return 'dicom';
  return undefined;
}

/** ISO base media (MP4, MOV, 3GP, HEIF): a box size then `ftyp`, or an old QuickTime top-level box. */
function isIsoMedia(head: Buffer): boolean {
  if (head.length < 12) return false;
  const box = ascii(head, 4, 4);
  const size = head.readUInt32BE(0);
  if (box === 'ftyp') return size >= 8;
  return (
    ['moov', 'mdat', 'wide', 'pnot'].includes(box) &&
    (size === 1 || size >= 8) &&
    looksBinary(head.subarray(0, 4))
  );
}

function isMpegTransportStream(head: Buffer): boolean {
  return head.length >= 188 * 3 && head[0] === 0x47 && head[188] === 0x47 && head[376] === 0x47;
}

/** HDF5's superblock sits at 0 or at 512, 1024, 2048, … when a user block precedes it. */
function isHdf5(head: Buffer): boolean {
  for (let at = 0; at + HDF5.length <= head.length; at = at === 0 ? 512 : at * 2) {
    if (startsWith(head, HDF5, at)) return true;
  }
  return false;
}

/** NIfTI-1 (348-byte header, magic at 344), NIfTI-2 (540, magic at 4), and Analyze 7.5 (348, no magic). */
function niftiKind(head: Buffer): 'nifti' | 'analyze' | undefined {
  if (head.length >= 348) {
    const le = head.readInt32LE(0);
    const be = head.readInt32BE(0);
    if (le === 348 || be === 348) {
      const magic = ascii(head, 344, 4);
      if (magic === 'n+1\0' || magic === 'ni1\0') return 'nifti';
      // Analyze 7.5: regular = 'r' at 38 and a dims count of 1..7 are the usual tell.
      const dims = le === 348 ? head.readInt16LE(40) : head.readInt16BE(40);
      if (head[38] === 0x72 && dims >= 1 && dims <= 7) return 'analyze';
    }
  }
  if (head.length >= 12 && (head.readInt32LE(0) === 540 || head.readInt32BE(0) === 540)) {
    const magic = ascii(head, 4, 4);
    if (magic === 'n+2\0' || magic === 'ni2\0') return 'nifti';
  }
  return undefined;
}

function isBmp(head: Buffer): boolean {
  if (head.length < 18 || ascii(head, 0, 2) !== 'BM') return false;
  return [12, 40, 52, 56, 64, 108, 124].includes(head.readUInt32LE(14)) && head.readUInt32LE(6) === 0;
}

const DICOM_VRS = new Set(
  'AE AS AT CS DA DS DT FL FD IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV TM UC UI UL UN UR US UT UV'.split(
    ' ',
  ),
);

/**
 * DICOM without the 128-byte preamble and `DICM` (old ACR-NEMA style files and some exports): the file
 * starts with little-endian elements of group 0002 or 0008. Three consecutive elements must parse with
 * ascending tags, valid VRs (or sane implicit lengths) and lengths inside the file, which text never does.
 */
export function isPreamblelessDicom(head: Buffer): boolean {
  return preamblelessDicom(head, false) || preamblelessDicom(head, true);
}

/** Three elements parse in one byte order (explicit big-endian data sets exist in old archives). */
function preamblelessDicom(head: Buffer, bigEndian: boolean): boolean {
  if (head.length < 8) return false;
  const u16 = (at: number) => (bigEndian ? head.readUInt16BE(at) : head.readUInt16LE(at));
  const u32 = (at: number) => (bigEndian ? head.readUInt32BE(at) : head.readUInt32LE(at));
  const group = u16(0);
  if (group !== 0x0002 && group !== 0x0008) return false;
  let at = 0;
  let previous = -1;
  let elements = 0;
  while (elements < 3 && at + 8 <= head.length) {
    const g = u16(at);
    const e = u16(at + 2);
    const tag = g * 0x10000 + e;
    if (tag <= previous || (g !== 0x0002 && g !== 0x0008)) return false;
    previous = tag;
    const vr = ascii(head, at + 4, 2);
    let length: number;
    let headerBytes: number;
    if (DICOM_VRS.has(vr)) {
      if (['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV'].includes(vr)) {
        if (at + 12 > head.length) break;
        length = u32(at + 8);
        headerBytes = 12;
      } else {
        length = u16(at + 6);
        headerBytes = 8;
      }
    } else if (bigEndian) {
      return false; // implicit VR is always little-endian
    } else {
      length = u32(at + 4);
      headerBytes = 8;
    }
    if (length === 0xffffffff || length > 1024 || length % 2 !== 0) return false;
    at += headerBytes + length;
    elements++;
  }
  return elements >= 3 || (elements >= 2 && at >= head.length);
}

/** zlib: CM 8, a window of at most 32 KiB, and a header check that is a multiple of 31. */
function isZlibHeader(head: Buffer): boolean {
  if (head.length < 8 || (head[0]! & 0x0f) !== 8 || head[0]! >> 4 > 7) return false;
  if ((head[0]! * 256 + head[1]!) % 31 !== 0 || (head[1]! & 0x20) !== 0) return false;
  // Two bytes are a weak signature: the stream must also inflate.
  try {
    return (
      inflateSync(head.subarray(0, 4096), { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: 256 })
        .length > 0
    );
  } catch (error) {
    return (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
  }
}

/** Old binary cpio: magic 070707 octal as a 16-bit word in either byte order. */
/**
 * Unix compress (.Z): 1f 9d, then a flags byte whose bits 5-6 are unused (zero) and whose low five bits
 * give the largest code width, 9 to 16. Two bytes alone would match one random digest in 65,536.
 */
function isUnixCompress(head: Buffer): boolean {
  if (head.length < 3 || !startsWith(head, [0x1f, 0x9d])) return false;
  const bits = head[2]! & 0x1f;
  return (head[2]! & 0x60) === 0 && bits >= 9 && bits <= 16;
}

function isBinaryCpio(head: Buffer): boolean {
  if (head.length < 28) return false;
  const le = head.readUInt16LE(0) === 0o70707;
  if (!le && head.readUInt16BE(0) !== 0o70707) return false;
  // The name that follows the 26-byte header is NUL-terminated where its stated length says.
  const nameSize = le ? head.readUInt16LE(20) : head.readUInt16BE(20);
  return nameSize >= 2 && 26 + nameSize <= head.length && head[26 + nameSize - 1] === 0 && head[26] !== 0;
}

/** Binary formats worth naming in a message. */
function binaryFormat(head: Buffer): BinaryFormat | undefined {
  // Readers accept a PDF header anywhere in the first KiB; a line of prose mentioning it is not one.
  if (
    ascii(head, 0, 5) === '%PDF-' ||
    /(?:^|[\r\n\0])%PDF-[12]\.\d/.test(ascii(head, 0, Math.min(head.length, 1024)))
  )
    return 'PDF document';
  if (head.length >= 2 && head[0] === 0x80 && head[1]! >= 2 && head[1]! <= 5) return 'Python pickle';
  const four = ascii(head, 0, 4);
  if (four === '\x7fELF' || four === '\0asm') return 'executable';
  if (ascii(head, 0, 2) === 'MZ' && head.length >= 64 && ascii(head, head.readUInt32LE(60), 4) === 'PE\0\0')
    return 'executable';
  if (head.length >= 4 && [0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe].includes(head.readUInt32BE(0)))
    return 'executable';
  return undefined;
}

/** A POSIX/GNU `ustar` header, or an old V7 header whose checksum adds up. */
export function isTarHeader(block: Buffer): boolean {
  if (block.length < 512) return false;
  if (ascii(block, 257, 5) === 'ustar') return true;
  const stored = Number.parseInt(ascii(block, 148, 8).replace(/[\0 ]/g, ''), 8);
  if (!Number.isFinite(stored) || block[0] === 0) return false;
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]!;
  return sum === stored;
}

/** NUL bytes or many control characters: not a text file. */
export function looksBinary(head: Buffer): boolean {
  if (head.length === 0) return false;
  let control = 0;
  for (const byte of head) {
    if (byte === 0) return true;
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20 && byte !== 0x1b)) control++;
  }
  return control / head.length > 0.1;
}
