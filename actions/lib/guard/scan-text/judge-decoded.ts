import { binaryReason, profileBytes } from '../content-profile.js';
import { detectContent } from '../detect-data-file.js';
import { scanText } from '../scan-text.js';

/** Decoded text is scanned again (base64 of a hex dump), once: deeper layers cost more than they find. */
let nested = 0;

/**
 * Decoded kinds that are code, not data: bundlers inline WebAssembly as base64 (undici's HTTP parser
 * sits in every action bundle that talks to the GitHub API).
 */
const CODE_KINDS = new Set(['wasm']);

/** Decoded payloads smaller than this are signatures or constants, not files. */
export const MIN_PAYLOAD_BYTES = 24;

/** Unrecognised decoded binary at least this large is reported; recognised data is at any size. */
export const MIN_UNKNOWN_BINARY_BYTES = 768;

/** What decoded bytes are: a data, archive or pointer kind, `wasm`, `binary`, or `text`. */
export function kindOf(bytes: Buffer): string {
  if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0x0061736d) return 'wasm';
  const detection = detectContent(bytes);
  switch (detection.class) {
    case 'data':
    case 'archive':
    case 'opaque-archive':
    case 'pointer':
      return detection.kind;
    case 'lfs-pointer':
      return 'git-lfs';
    case 'binary':
      return detection.format ?? 'binary';
    case 'text':
      // Judged as a whole file is: valid UTF-8, few controls, no packed-number strides.
      return binaryReason(profileBytes(bytes)) ? 'binary' : 'text';
  }
}

/**
 * Whether a decoded payload is reported, and as what: known data at any size; unrecognised binary
 * from MIN_UNKNOWN_BINARY_BYTES on (when `plausible`: the encoding itself looked like a payload);
 * never code or text. `decodedSize` is the whole payload's size when only a prefix was decoded.
 */
export function judgeDecoded(prefix: Buffer, decodedSize: number, plausible: boolean): string | undefined {
  // A signature constant in source code ("\x89PNG\r\n\x1a\n") is not an image: the smallest real
  // files of every kind are several times larger.
  if (prefix.length === 0 || decodedSize < MIN_PAYLOAD_BYTES) return undefined;
  const kind = kindOf(prefix);
  if (kind === 'text') {
    if (nested > 0) return undefined;
    nested++;
    try {
      const inner = scanText(prefix.toString('utf8'), 'decoded.txt');
      return inner.length > 0 ? `text carrying ${inner[0]!.decodesTo ?? inner[0]!.kind}` : undefined;
    } finally {
      nested--;
    }
  }
  if (CODE_KINDS.has(kind)) return undefined;
  if (kind === 'binary') return plausible && decodedSize >= MIN_UNKNOWN_BINARY_BYTES ? kind : undefined;
  return kind;
}
