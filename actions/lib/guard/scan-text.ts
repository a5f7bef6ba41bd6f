import { lineStartsOf, positionAt } from '../json/text-position.js';
import { decodeBase64, findBase64Chains } from './scan-text/base64-chains.js';
import { findBase85, findBinaryPatches, findUuencode } from './scan-text/base85.js';
import type { EncodedRun } from './scan-text/encoded-run.js';
import { findEscapedBytes } from './scan-text/escaped-bytes.js';
import { findHexDumps } from './scan-text/hex-dumps.js';
import { judgeDecoded } from './scan-text/judge-decoded.js';
import { DEFAULT_NUMBER_RUNS, findNumberRuns, type NumberRunOptions } from './scan-text/number-runs.js';
import { maskIntegrityDigests } from './scan-text/sri-hashes.js';
import { findSymbolRuns } from './scan-text/symbol-runs.js';
import { findTrailingWhitespace } from './scan-text/trailing-whitespace.js';

/** Something embedded in a text file that carries binary data, with where it starts. */
export interface EmbeddedBlob {
  kind: EncodedRun['encoding'] | 'data-uri' | 'lfs-attribute';
  line: number;
  column: number;
  /** Encoded length in characters. */
  length: number;
  /** Decoded size in bytes, when known. */
  decodedBytes?: number;
  /** A data URI's media type, when it states one. */
  mediaType?: string;
  /** What the decoded bytes are (`png`, `dicom`, …, `binary`, `pixel-array`), never the bytes themselves. */
  decodesTo?: string;
}

export interface TextScanOptions {
  numbers: NumberRunOptions;
}

export const DEFAULT_TEXT_SCAN: TextScanOptions = { numbers: DEFAULT_NUMBER_RUNS };

const DATA_URI = /data:([a-z]+\/[a-z0-9.+-]+)?((?:;[a-z0-9-]+=[^;,\s"']*)*)(;base64)?,/gi;
const MEDIA_ALWAYS =
  /^(?:image|video|audio)\/|^application\/(?:dicom|octet-stream|x-hdf|x-nifti|zip|gzip|pdf|x-npy|vnd\.)/i;

/**
 * Finds payloads embedded in a text file and judges each by its decoded size and content: base64 and
 * hex however split, hex dumps, escaped byte strings, numbers that spell a pixel array, Ascii85 and
 * base85, uuencode, `git diff --binary` patches, data URIs, and LFS filters in .gitattributes.
 * Linear in the text's length (no backtracking regular expression over long runs).
 */
export function scanText(
  text: string,
  fileName: string,
  options: TextScanOptions = DEFAULT_TEXT_SCAN,
): EmbeddedBlob[] {
  const lines = lineStartsOf(text);
  const at = (offset: number) => positionAt(lines, offset);
  const blobs: EmbeddedBlob[] = [];
  const uris = dataUris(text);
  const reportedUris = uris.filter((u) => u.blob !== undefined);
  for (const uri of reportedUris) blobs.push({ ...uri.blob!, ...at(uri.start) });
  const insideUri = (offset: number) => reportedUris.some((u) => offset >= u.payloadStart && offset <= u.end);

  const runs: EncodedRun[] = [
    ...findBase64Chains(maskIntegrityDigests(text), insideUri),
    ...findHexDumps(text, lines),
    ...findNumberRuns(text, lines, options.numbers),
    ...findBase85(text, lines),
    ...findBinaryPatches(text),
    ...findUuencode(text),
    ...(/[^\x00-\x7f]/.test(text) ? findSymbolRuns(text) : []),
    ...findTrailingWhitespace(text),
    // Every escape the finder knows opens the gate: quoted-printable (`=89PNG=0D=0A`) has neither \\ nor %.
    ...(/[\\%=&]/.test(text) ? findEscapedBytes(text) : []),
  ].sort((a, b) => a.offset - b.offset);
  // One payload may be seen by two detectors (a hex dump's rows are hex runs too): report it once.
  let coveredTo = -1;
  for (const run of runs) {
    if (run.offset < coveredTo) continue;
    coveredTo = run.offset + run.length;
    blobs.push({
      kind: run.encoding,
      ...at(run.offset),
      length: run.length,
      decodedBytes: run.decodedBytes,
      decodesTo: run.decodesTo,
    });
  }
  if (fileName === '.gitattributes' || fileName.endsWith('/.gitattributes')) {
    for (const match of text.matchAll(/filter=lfs\b/g))
      blobs.push({ kind: 'lfs-attribute', ...at(match.index), length: 0 });
  }
  // One file full of payloads needs a handful of findings, not thousands.
  return blobs.sort((a, b) => a.line - b.line || a.column - b.column).slice(0, MAX_BLOBS_PER_FILE);
}

const MAX_BLOBS_PER_FILE = 50;

interface DataUri {
  start: number;
  payloadStart: number;
  end: number;
  blob?: Omit<EmbeddedBlob, 'line' | 'column'>;
}

/** Data URIs: image, video, audio and binary media types at any size; others by what they decode to. */
function dataUris(text: string): DataUri[] {
  const found: DataUri[] = [];
  if (!text.includes('data:')) return found;
  for (const match of text.matchAll(DATA_URI)) {
    const payloadStart = match.index + match[0].length;
    let end = payloadStart;
    for (; end < text.length; end++) {
      const c = text[end]!;
      if (!/[A-Za-z0-9+/=%_.~-]/.test(c) && !(c === '\\' && /[nrt/]/.test(text[end + 1] ?? ''))) break;
    }
    const mediaType = match[1]?.toLowerCase();
    const base64 = match[3] !== undefined;
    const payload = text
      .slice(payloadStart, Math.min(end, payloadStart + 96 * 1024))
      .replace(/\\[nrt]|\\(?=\/)/g, '');
    const bytes = base64 ? decodeBase64(payload) : Buffer.from(decodeURIComponentBytes(payload));
    const decodedSize = base64 ? Math.floor(((end - payloadStart) * 3) / 4) : bytes.length;
    const verdict = judgeDecoded(bytes, decodedSize, true);
    const always = mediaType !== undefined && MEDIA_ALWAYS.test(mediaType) && end > payloadStart;
    const uri: DataUri = { start: match.index, payloadStart, end };
    if (always || verdict) {
      uri.blob = {
        kind: 'data-uri',
        length: end - payloadStart,
        decodedBytes: decodedSize,
        ...(mediaType ? { mediaType } : {}),
        ...(verdict ? { decodesTo: verdict } : {}),
      };
    }
    found.push(uri);
  }
  return found;
}

function decodeURIComponentBytes(payload: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < payload.length; i++) {
    if (payload[i] === '%' && /^[0-9a-fA-F]{2}$/.test(payload.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(payload.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(payload.charCodeAt(i) & 0xff);
  }
  return bytes;
}
