import { lineStartsOf, positionAt } from '../json/text-position.js';
import { detectContent } from './detect-data-file.js';

/** Something embedded in a text file that carries binary data, with where it starts. */
export interface EmbeddedBlob {
  kind: 'base64' | 'base64-lines' | 'hex' | 'data-uri' | 'lfs-attribute';
  line: number;
  column: number;
  /** Encoded length in characters. */
  length: number;
  /** A data URI's media type, when it states one. */
  mediaType?: string;
  /** What the first decoded bytes are (`png`, `dicom`, …, or `binary`), never the bytes themselves. */
  decodesTo?: string;
}

export interface TextScanOptions {
  /** Base64 or hex runs at least this long are reported; 4096 characters ≈ 3 KiB of data. */
  blobThreshold: number;
  /** Base64 data URIs with a payload at least this long are reported whatever their media type. */
  dataUriThreshold: number;
}

/**
 * Decoded kinds that are code, not data: bundlers inline WebAssembly as base64 (undici's HTTP parser
 * sits in every action bundle that talks to the GitHub API).
 */
const CODE_KINDS = new Set(['wasm']);

export const DEFAULT_TEXT_SCAN: TextScanOptions = { blobThreshold: 4096, dataUriThreshold: 256 };

const DATA_URI = /data:([a-z]+\/[a-z0-9.+-]+)?((?:;[a-z0-9-]+=[^;,\s"']*)*)(;base64)?,/gi;
const MEDIA_ALWAYS = /^(?:image|video|audio)\/|^application\/(?:dicom|octet-stream|x-hdf|x-nifti|zip|gzip)/i;
const WRAPPED_LINE = /^[\s"'`]*([A-Za-z0-9+/]{40,}={0,2})[\s"',`\\n]*$/;

/** Character classes by code unit: 1 = base64 (standard or URL-safe), 2 = also hex. A table keeps the hot loop cheap. */
const CLASS = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_')
  CLASS[c.charCodeAt(0)] = 1;
for (const c of '0123456789abcdefABCDEF') CLASS[c.charCodeAt(0)] = 2;

function isBase64Char(c: number): boolean {
  return c < 128 && CLASS[c]! > 0;
}

/**
 * Finds base64 and hex blobs, data URIs and LFS attributes in a text file. One pass over the text
 * (no backtracking regular expression over long runs), so a large lock file scans in milliseconds.
 */
export function scanText(
  text: string,
  fileName: string,
  options: TextScanOptions = DEFAULT_TEXT_SCAN,
): EmbeddedBlob[] {
  const blobs: EmbeddedBlob[] = [];
  const lines = lineStartsOf(text);
  const at = (offset: number) => positionAt(lines, offset);
  const dataUriPayloads: [number, number][] = [];

  for (const match of text.matchAll(DATA_URI)) {
    const start = match.index + match[0].length;
    let end = start;
    while (
      end < text.length &&
      (isBase64Char(text.charCodeAt(end)) || text[end] === '=' || text[end] === '%')
    )
      end++;
    const mediaType = match[1]?.toLowerCase();
    const base64 = match[3] !== undefined;
    const length = end - start;
    if (
      (mediaType && MEDIA_ALWAYS.test(mediaType) && length > 0) ||
      (base64 && length >= options.dataUriThreshold)
    ) {
      blobs.push({
        kind: 'data-uri',
        ...at(match.index),
        length,
        ...(mediaType ? { mediaType } : {}),
        ...(base64 ? { decodesTo: decodedKind(text.slice(start, Math.min(end, start + 8192))) } : {}),
      });
      dataUriPayloads.push([start, end]);
    }
  }

  let runStart = -1;
  let allHex = true;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : -1;
    if (c !== -1 && isBase64Char(c)) {
      if (runStart < 0) {
        runStart = i;
        allHex = true;
      }
      if (allHex && CLASS[c] !== 2) allHex = false;
      continue;
    }
    if (
      runStart >= 0 &&
      i - runStart >= options.blobThreshold &&
      !dataUriPayloads.some(([s, e]) => runStart >= s && runStart < e)
    ) {
      const run = text.slice(runStart, Math.min(i, runStart + 8192));
      blobs.push({
        kind: allHex ? 'hex' : 'base64',
        ...at(runStart),
        length: i - runStart,
        decodesTo: allHex ? kindOf(Buffer.from(run.slice(0, run.length & ~1), 'hex')) : decodedKind(run),
      });
    }
    runStart = -1;
  }

  blobs.push(...wrappedBase64(text, lines, options.blobThreshold));
  if (fileName === '.gitattributes' || fileName.endsWith('/.gitattributes')) {
    for (const match of text.matchAll(/filter=lfs\b/g))
      blobs.push({ kind: 'lfs-attribute', ...at(match.index), length: 0 });
  }
  return blobs
    .filter((b) => !b.decodesTo || !CODE_KINDS.has(b.decodesTo))
    .sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Base64 wrapped at a fixed width over many lines (MIME, PEM, or a string array in JSON). */
function wrappedBase64(text: string, starts: number[], threshold: number): EmbeddedBlob[] {
  const found: EmbeddedBlob[] = [];
  let firstLine = -1;
  let lineCount = 0;
  let total = 0;
  let sample = '';
  const flush = () => {
    if (lineCount >= 2 && total >= threshold) {
      found.push({
        kind: 'base64-lines',
        line: firstLine + 1,
        column: 1,
        length: total,
        decodesTo: decodedKind(sample),
      });
    }
    firstLine = -1;
    lineCount = 0;
    total = 0;
    sample = '';
  };
  let width = 0;
  for (let n = 0; n < starts.length; n++) {
    const end = n + 1 < starts.length ? starts[n + 1]! - 1 : text.length;
    const length = end - starts[n]!;
    // Most lines are too short or too long to be one line of wrapped base64: skip them unread.
    if ((length < 40 || length >= threshold) && lineCount === 0) continue;
    const line = text.slice(starts[n]!, end);
    const match = line.length < threshold ? WRAPPED_LINE.exec(line) : null;
    // Wrapped base64 has one width for every line but the last, and is not hex (a list of hashes is).
    const content = match?.[1];
    const base64 = content !== undefined && content !== '' && !/^[0-9a-fA-F]+$/.test(content);
    if (!base64 || (lineCount > 0 && content.length > width)) {
      flush();
      if (!base64) continue;
    }
    if (firstLine < 0) {
      firstLine = n;
      width = content.length;
    }
    lineCount++;
    total += content.length;
    if (sample.length < 8192) sample += content;
    // Padding or a short line ends the stream.
    if (content.endsWith('=') || content.length < width) flush();
  }
  flush();
  return found;
}

function decodedKind(base64: string): string {
  const usable = base64.replace(/[^A-Za-z0-9+/_-]/g, '');
  return kindOf(
    Buffer.from(
      usable.slice(0, usable.length & ~3),
      usable.includes('-') || usable.includes('_') ? 'base64url' : 'base64',
    ),
  );
}

function kindOf(bytes: Buffer): string {
  if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0x0061736d) return 'wasm';
  const detection = detectContent(bytes);
  if (detection.class === 'data' || detection.class === 'archive' || detection.class === 'opaque-archive')
    return detection.kind;
  return detection.class === 'text' ? 'text' : 'binary';
}
