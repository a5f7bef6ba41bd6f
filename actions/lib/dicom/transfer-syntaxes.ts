/**
 * DICOM transfer syntaxes (PS3.6 Table A-1) and how this engine decodes each one. Names of syntaxes
 * we cannot decode are kept too, so an error can say what the file is rather than just its UID.
 */

/** How the pixel data of a syntax is encoded. */
export type PixelEncoding =
  | 'native'
  | 'encapsulated-native'
  | 'rle'
  | 'jpeg'
  | 'jpeg-lossless'
  | 'jpeg-ls'
  | 'jpeg2000';

/** A transfer syntax this engine knows by name. `encoding` is absent when it cannot decode it. */
export interface TransferSyntax {
  uid: string;
  name: string;
  encoding?: PixelEncoding;
  littleEndian: boolean;
  explicitVr: boolean;
  deflated: boolean;
}

const entry = (
  uid: string,
  name: string,
  encoding?: PixelEncoding,
  flags: Partial<Pick<TransferSyntax, 'littleEndian' | 'explicitVr' | 'deflated'>> = {},
): TransferSyntax => ({
  uid,
  name,
  encoding,
  littleEndian: true,
  explicitVr: true,
  deflated: false,
  ...flags,
});

const P = '1.2.840.10008.1.2';
const TABLE: readonly TransferSyntax[] = [
  entry(P, 'Implicit VR Little Endian', 'native', { explicitVr: false }),
  entry(`${P}.1`, 'Explicit VR Little Endian', 'native'),
  entry(`${P}.1.98`, 'Encapsulated Uncompressed Explicit VR Little Endian', 'encapsulated-native'),
  entry(`${P}.1.99`, 'Deflated Explicit VR Little Endian', 'native', { deflated: true }),
  entry(`${P}.2`, 'Explicit VR Big Endian', 'native', { littleEndian: false }),
  entry(`${P}.5`, 'RLE Lossless', 'rle'),
  entry(`${P}.4.50`, 'JPEG Baseline (Process 1)', 'jpeg'),
  entry(`${P}.4.51`, 'JPEG Extended (Process 2 & 4)', 'jpeg'),
  ...[52, 53, 54, 55, 56, 58, 59, 60, 61, 62, 63, 64, 65, 66].map((n) =>
    entry(`${P}.4.${n}`, `JPEG (retired process, ${P}.4.${n})`),
  ),
  entry(`${P}.4.57`, 'JPEG Lossless, Non-Hierarchical (Process 14)', 'jpeg-lossless'),
  entry(
    `${P}.4.70`,
    'JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14, SV1)',
    'jpeg-lossless',
  ),
  entry(`${P}.4.80`, 'JPEG-LS Lossless Image Compression', 'jpeg-ls'),
  entry(`${P}.4.81`, 'JPEG-LS Lossy (Near-Lossless) Image Compression', 'jpeg-ls'),
  entry(`${P}.4.90`, 'JPEG 2000 Image Compression (Lossless Only)', 'jpeg2000'),
  entry(`${P}.4.91`, 'JPEG 2000 Image Compression', 'jpeg2000'),
  entry(`${P}.4.92`, 'JPEG 2000 Part 2 Multi-component Image Compression (Lossless Only)'),
  entry(`${P}.4.93`, 'JPEG 2000 Part 2 Multi-component Image Compression'),
  entry(`${P}.4.94`, 'JPIP Referenced'),
  entry(`${P}.4.95`, 'JPIP Referenced Deflate'),
  entry(`${P}.4.100`, 'MPEG2 Main Profile / Main Level'),
  entry(`${P}.4.100.1`, 'Fragmentable MPEG2 Main Profile / Main Level'),
  entry(`${P}.4.101`, 'MPEG2 Main Profile / High Level'),
  entry(`${P}.4.101.1`, 'Fragmentable MPEG2 Main Profile / High Level'),
  entry(`${P}.4.102`, 'MPEG-4 AVC/H.264 High Profile / Level 4.1'),
  entry(`${P}.4.102.1`, 'Fragmentable MPEG-4 AVC/H.264 High Profile / Level 4.1'),
  entry(`${P}.4.103`, 'MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1'),
  entry(`${P}.4.103.1`, 'Fragmentable MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1'),
  entry(`${P}.4.104`, 'MPEG-4 AVC/H.264 High Profile / Level 4.2 For 2D Video'),
  entry(`${P}.4.104.1`, 'Fragmentable MPEG-4 AVC/H.264 High Profile / Level 4.2 For 2D Video'),
  entry(`${P}.4.105`, 'MPEG-4 AVC/H.264 High Profile / Level 4.2 For 3D Video'),
  entry(`${P}.4.105.1`, 'Fragmentable MPEG-4 AVC/H.264 High Profile / Level 4.2 For 3D Video'),
  entry(`${P}.4.106`, 'MPEG-4 AVC/H.264 Stereo High Profile / Level 4.2'),
  entry(`${P}.4.106.1`, 'Fragmentable MPEG-4 AVC/H.264 Stereo High Profile / Level 4.2'),
  entry(`${P}.4.107`, 'HEVC/H.265 Main Profile / Level 5.1'),
  entry(`${P}.4.108`, 'HEVC/H.265 Main 10 Profile / Level 5.1'),
  entry(`${P}.4.110`, 'JPEG XL Lossless'),
  entry(`${P}.4.111`, 'JPEG XL JPEG Recompression'),
  entry(`${P}.4.112`, 'JPEG XL'),
  // OpenJPEG (2.5 and later) decodes HTJ2K codestreams too.
  entry(`${P}.4.201`, 'High-Throughput JPEG 2000 Image Compression (Lossless Only)', 'jpeg2000'),
  entry(
    `${P}.4.202`,
    'High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only)',
    'jpeg2000',
  ),
  entry(`${P}.4.203`, 'High-Throughput JPEG 2000 Image Compression', 'jpeg2000'),
  entry(`${P}.4.204`, 'JPIP HTJ2K Referenced'),
  entry(`${P}.4.205`, 'JPIP HTJ2K Referenced Deflate'),
  entry(`${P}.6.1`, 'RFC 2557 MIME encapsulation'),
  entry(`${P}.6.2`, 'XML Encoding'),
  entry(`${P}.7.1`, 'SMPTE ST 2110-20 Uncompressed Progressive Active Video'),
  entry(`${P}.7.2`, 'SMPTE ST 2110-20 Uncompressed Interlaced Active Video'),
  entry(`${P}.7.3`, 'SMPTE ST 2110-30 PCM Digital Audio'),
  entry('1.2.840.113619.5.2', 'GE Private Implicit VR Big Endian', undefined, {
    littleEndian: false,
    explicitVr: false,
  }),
];

const BY_UID = new Map(TABLE.map((syntax) => [syntax.uid, syntax]));

/** The transfer syntax with this UID, or undefined when the UID is not one we know. */
export function lookupTransferSyntax(uid: string): TransferSyntax | undefined {
  return BY_UID.get(uid);
}

/**
 * How to name a transfer syntax UID in an error message. A UID read from a malformed file could be
 * any text, so only a well-formed UID is echoed.
 */
export function describeTransferSyntax(uid: string): string {
  const known = BY_UID.get(uid);
  if (known) return `${known.name} (${known.uid})`;
  return /^[0-9]+(\.[0-9]+)*$/.test(uid) && uid.length <= 64
    ? `unknown transfer syntax ${uid}`
    : 'a transfer syntax UID that is not well formed';
}
