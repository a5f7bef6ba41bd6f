/** A payload found in text, by where it starts (a character offset), how it is encoded and what it decodes to. */
export interface EncodedRun {
  encoding:
    | 'base64'
    | 'base64-lines'
    | 'hex'
    | 'hex-dump'
    | 'escaped-bytes'
    | 'numbers'
    | 'ascii85'
    | 'base85'
    | 'uuencode'
    | 'binary-patch'
    | 'symbols'
    | 'whitespace';
  offset: number;
  /** Encoded length in characters. */
  length: number;
  /** Decoded size in bytes (estimated from the encoded length when only a prefix was decoded). */
  decodedBytes: number;
  /** The decoded kind (`png`, `dicom`, `binary`, ...), never the bytes themselves. */
  decodesTo: string;
}

/** Bytes of a payload decoded to judge it: enough for every signature and a text-or-binary verdict. */
export const DECODE_PREFIX_BYTES = 64 * 1024;
