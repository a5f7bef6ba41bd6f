/**
 * Reads a DICOM Part 10 file into a dicom-parser data set, turning every parser failure into an
 * InputError with a stable code. dicom-parser throws plain strings, and objects that carry the
 * partial data set (patient name and all): neither is ever passed on or put in a message.
 */
import { closeSync, fstatSync, openSync, read, readSync } from 'node:fs';
import { promisify } from 'node:util';
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import dicomParser, { type DataSet } from 'dicom-parser';
import { InputError, messageOf } from '../errors.js';
import { exceedsElementLimit } from './count-elements.js';
import { describeTransferSyntax, lookupTransferSyntax, type TransferSyntax } from './transfer-syntaxes.js';

/** Size limits that keep a hostile or corrupt file from exhausting memory. */
export interface DicomLimits {
  /** Largest file read, in bytes. */
  maxFileBytes: number;
  /** Largest inflated data set of a deflated file, in bytes. */
  maxInflatedBytes: number;
  /** Largest decoded frame, in bytes (Rows × Columns × samples × bytes per sample). */
  maxFrameBytes: number;
  /** Most frames a file may declare. */
  maxFrames: number;
  /** Most data elements (items and nested ones included) a file may hold. */
  maxElements: number;
}

/** Defaults: generous for real imaging (a 16k × 16k slide level, a long cine), refusing the absurd. */
export const DEFAULT_DICOM_LIMITS: DicomLimits = {
  maxFileBytes: 2 ** 31 - 1,
  maxInflatedBytes: 512 * 1024 * 1024,
  maxFrameBytes: 1024 * 1024 * 1024,
  maxFrames: 100_000,
  // Real files hold thousands (a large RT structure set some hundred thousand).
  maxElements: 1_000_000,
};

/** A parsed file: its data set (meta header merged in) and its transfer syntax. */
export interface ParsedDicom {
  dataSet: DataSet;
  transferSyntax: TransferSyntax;
}

/** Reads and parses `file`. Throws InputError ('dicom/…') for anything that is not readable DICOM. */
export async function readDicom(
  file: string,
  limits: DicomLimits = DEFAULT_DICOM_LIMITS,
): Promise<ParsedDicom> {
  let bytes: Uint8Array;
  try {
    bytes = await readWhole(file, limits);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(
      'dicom/unreadable',
      file,
      `cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'I/O error'})`,
    );
  }
  const header = readMetaHeader(file, bytes);
  let inflated: Uint8Array | undefined;
  if (header.transferSyntax.deflated) {
    const size = await refuseInflatingPastLimit(file, bytes, header.start, limits.maxInflatedBytes);
    // Inflated a second time into one buffer of the size now known: inflateRawSync's chunks, their
    // concatenation and the copy behind the meta header took three times the data set (3 GB for a
    // 1 MB file whose Pixel Data claimed 2 GB).
    if (size !== undefined) inflated = await inflateInto(bytes, header.start, size);
  }
  return parseDataSet(file, bytes, header, limits, inflated);
}

/**
 * The meta header (`bytes` up to `position`) followed by the raw-deflated rest inflated, `size` bytes
 * in all past `position`, in one buffer allocated once; undefined when the stream does not give
 * exactly that (the parser's own inflate then reports the damage).
 */
async function inflateInto(
  bytes: Uint8Array,
  position: number,
  size: number,
): Promise<Uint8Array | undefined> {
  const full = new Uint8Array(position + size);
  full.set(bytes.subarray(0, position));
  let at = position;
  const ok = await new Promise<boolean>((resolve) => {
    const stream = createInflateRaw({ chunkSize: 1 << 20 });
    stream.on('data', (chunk: Buffer) => {
      if (at + chunk.length > full.length) {
        stream.destroy();
        resolve(false);
        return;
      }
      full.set(chunk, at);
      at += chunk.length;
    });
    stream.on('end', () => resolve(at === full.length));
    stream.on('error', () => resolve(false));
    stream.end(bytes.subarray(position));
  });
  return ok ? full : undefined;
}

/**
 * Counts what a deflated data set (from `position`) inflates to without keeping it, and refuses it
 * past `cap`: a few-KB deflate bomb then costs a stream's buffers instead of `cap` bytes of memory
 * per render in flight (the synchronous inflate the parser needs can only stop once it holds the
 * cap). A corrupt stream is left for the parser to report.
 */
async function refuseInflatingPastLimit(
  file: string,
  bytes: Uint8Array,
  position: number,
  cap: number,
): Promise<number | undefined> {
  let inflated = 0;
  let corrupt = false;
  const tooLarge = await new Promise<boolean>((resolve) => {
    // 1 MiB output chunks: a bomb is counted to a 1 GB cap in ~0.2 s (16 KiB chunks took 2 s).
    const stream = createInflateRaw({ chunkSize: 1 << 20 });
    stream.on('data', (chunk: Buffer) => {
      inflated += chunk.length;
      if (inflated > cap) {
        stream.destroy();
        resolve(true);
      }
    });
    stream.on('end', () => resolve(false));
    stream.on('error', () => {
      corrupt = true;
      resolve(false);
    });
    stream.end(bytes.subarray(position));
  });
  if (tooLarge) throw inflatesPastLimit(file, cap);
  return corrupt ? undefined : inflated;
}

function inflatesPastLimit(file: string, cap: number): InputError {
  return new InputError('dicom/too-large', file, `the deflated data set inflates past the ${cap}-byte limit`);
}

/** Files up to this size are read synchronously: a thread-pool round trip costs more than the read. */
const SYNC_READ_BYTES = 64 * 1024 * 1024;
const readAsync = promisify(read);

/**
 * Reads a whole regular file into a plain Uint8Array (handed a Buffer, dicom-parser allocates with
 * the deprecated Buffer()), checking its type and size on the open descriptor first.
 */
async function readWhole(file: string, limits: DicomLimits): Promise<Uint8Array> {
  const fd = openSync(file, 'r');
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw new InputError('dicom/not-a-file', file, 'not a regular file');
    if (info.size > limits.maxFileBytes) {
      throw new InputError(
        'dicom/too-large',
        file,
        `file is larger than the ${limits.maxFileBytes}-byte limit`,
      );
    }
    // Not zero-filled (it is overwritten); its own ArrayBuffer, not a slice of Node's pool.
    const buffer = Buffer.allocUnsafeSlow(info.size);
    const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, info.size);
    const sync = info.size <= SYNC_READ_BYTES;
    let filled = 0;
    while (filled < bytes.length) {
      const length = bytes.length - filled;
      // The descriptor that was checked, not the path opened again.
      const count = sync
        ? readSync(fd, bytes, filled, length, filled)
        : (await readAsync(fd, bytes, filled, length, filled)).bytesRead;
      if (count === 0) break;
      filled += count;
    }
    return bytes.subarray(0, filled);
  } finally {
    closeSync(fd);
  }
}

/** Parses bytes already in memory; `file` only names them in errors. */
export function parseDicomBytes(
  file: string,
  bytes: Uint8Array,
  limits: DicomLimits = DEFAULT_DICOM_LIMITS,
): ParsedDicom {
  return parseDataSet(file, bytes, readMetaHeader(file, bytes), limits);
}

/** The file meta header, its transfer syntax and where the data set after it starts. */
interface MetaHeader {
  meta: DataSet;
  uid: string;
  transferSyntax: TransferSyntax;
  start: number;
}

/** Reads and checks the preamble and file meta header: the transfer syntax must be one we decode. */
function readMetaHeader(file: string, bytes: Uint8Array): MetaHeader {
  if (bytes.length < 132 || String.fromCharCode(...bytes.subarray(128, 132)) !== 'DICM') {
    throw new InputError(
      'dicom/not-dicom',
      file,
      'not a DICOM Part 10 file (no "DICM" marker after the 128-byte preamble)',
    );
  }
  let meta: DataSet;
  try {
    meta = dicomParser.readPart10Header(bytes);
  } catch (error) {
    throw parserError(file, error, 'file meta header');
  }
  const uidElement = meta.elements.x00020010;
  if (!uidElement || uidElement.length === 0) {
    throw new InputError(
      'dicom/missing-transfer-syntax',
      file,
      'the file meta header has no transfer syntax UID (0002,0010)',
    );
  }
  const uid = guardParser(file, () => meta.string('x00020010') ?? '')
    .replace(/\0/g, '')
    .trim();
  const transferSyntax = lookupTransferSyntax(uid);
  if (!transferSyntax?.encoding) {
    throw new InputError(
      'dicom/unsupported-transfer-syntax',
      file,
      `cannot decode pixel data in ${describeTransferSyntax(uid)}`,
    );
  }
  return { meta, uid, transferSyntax, start: (meta as DataSet & { position: number }).position };
}

/** Parses the data set after a checked meta header, within the element and inflate limits. */
function parseDataSet(
  file: string,
  bytes: Uint8Array,
  { meta, uid, transferSyntax, start }: MetaHeader,
  limits: DicomLimits,
  inflated?: Uint8Array,
): ParsedDicom {
  if (!transferSyntax.deflated && exceedsElementLimit(bytes, start, transferSyntax, limits.maxElements)) {
    throw tooManyElements(file, limits.maxElements);
  }
  let dataSet: DataSet;
  try {
    if (transferSyntax.explicitVr && !transferSyntax.deflated && !looksExplicit(bytes, start)) {
      return { dataSet: checkedExtents(file, parseImplicitAfterMeta(bytes, meta, start)), transferSyntax };
    }
    dataSet = dicomParser.parseDicom(bytes, {
      TransferSyntaxUID: uid,
      inflater: (array: Uint8Array, position: number) => {
        const full = inflated ?? inflateCapped(file, array, position, limits.maxInflatedBytes);
        if (exceedsElementLimit(full, position, transferSyntax, limits.maxElements))
          throw tooManyElements(file, limits.maxElements);
        return full;
      },
    } as Parameters<typeof dicomParser.parseDicom>[1]);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw parserError(file, error, 'data set');
  }
  return { dataSet: checkedExtents(file, dataSet), transferSyntax };
}

/**
 * dicom-parser's implicit VR reader accepts an element whose length runs past the end of the file
 * (the explicit reader refuses it): a file cut inside an element must read as truncated either way.
 */
function checkedExtents(file: string, dataSet: DataSet): DataSet {
  const end = dataSet.byteArray.length;
  for (const element of Object.values(dataSet.elements)) {
    if (element.hadUndefinedLength || element.length === undefined || element.length === 0xffffffff) continue;
    if (element.dataOffset + element.length > end) {
      throw new InputError('dicom/truncated', file, 'the data set ends early (truncated file)');
    }
  }
  return dataSet;
}

/**
 * Some writers declare an explicit VR syntax and then write implicit VR (pydicom reads these too):
 * an explicit element has two upper-case letters where an implicit one has its length.
 */
function looksExplicit(bytes: Uint8Array, start: number): boolean {
  if (start + 6 > bytes.length) return true;
  const isLetter = (b: number) => b >= 0x41 && b <= 0x5a;
  return isLetter(bytes[start + 4]!) && isLetter(bytes[start + 5]!);
}

function parseImplicitAfterMeta(bytes: Uint8Array, meta: DataSet, start: number): DataSet {
  const parser = dicomParser.littleEndianByteArrayParser;
  const DataSetClass = (
    dicomParser as unknown as { DataSet: new (p: unknown, b: Uint8Array, e: object) => DataSet }
  ).DataSet;
  const dataSet = new DataSetClass(parser, bytes, {});
  const stream = new dicomParser.ByteStream(parser, bytes, start);
  dicomParser.parseDicomDataSetImplicit(dataSet, stream, bytes.length);
  Object.assign(dataSet.elements, meta.elements);
  const pixels = dataSet.elements.x7fe00010;
  if (pixels?.hadUndefinedLength && !pixels.encapsulatedPixelData) {
    // The implicit parser does not know encapsulated pixel data; find its fragments ourselves.
    pixels.encapsulatedPixelData = true;
    pixels.items = undefined;
    dicomParser.findEndOfEncapsulatedElement(
      new dicomParser.ByteStream(parser, bytes, pixels.dataOffset),
      pixels,
      [],
    );
  }
  return dataSet;
}

function tooManyElements(file: string, limit: number): InputError {
  return new InputError('dicom/too-large', file, `the data set holds more than ${limit} elements`);
}

/** Inflates a deflated data set, refusing to grow past `cap` bytes (a zip bomb is a few KB). */
function inflateCapped(file: string, array: Uint8Array, position: number, cap: number): Uint8Array {
  let inflated: Buffer;
  try {
    inflated = inflateRawSync(array.subarray(position), { maxOutputLength: cap });
  } catch (error) {
    if (error instanceof RangeError || /maxOutputLength|buffer/i.test(messageOf(error))) {
      throw inflatesPastLimit(file, cap);
    }
    throw new InputError('dicom/truncated', file, 'the deflated data set is corrupt or cut short');
  }
  const full = new Uint8Array(position + inflated.length);
  full.set(array.subarray(0, position));
  full.set(inflated, position);
  return full;
}

/** Whether `error` came from dicom-parser (it throws strings, wrapped objects and its own Errors). */
export function isParserFailure(error: unknown): boolean {
  if (typeof error === 'string') return true;
  if (error !== null && typeof error === 'object' && 'exception' in error) return true;
  return error instanceof Error && /^dicomParser/.test(error.message);
}

/**
 * Runs `read`, which reads a parsed data set lazily (dicom-parser decodes element values on access
 * and may then hit the end of a truncated buffer), and turns parser failures into InputErrors.
 */
export function guardParser<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!isParserFailure(error)) throw error;
    throw parserError(file, error, 'data set');
  }
}

/**
 * Classifies a dicom-parser failure. Its messages are fixed strings, but only our own wording is
 * used: the thrown object may carry the partial data set, which must never reach a log.
 */
function parserError(file: string, error: unknown, where: string): InputError {
  const thrown =
    error !== null && typeof error === 'object' && 'exception' in error ? error.exception : error;
  const text = messageOf(thrown);
  if (/past end|end of buffer|overrun|overread|beyond|eof|outside|maxPosition/i.test(text)) {
    return new InputError('dicom/truncated', file, `the ${where} ends early (truncated file)`);
  }
  if (/DICM/.test(text)) {
    return new InputError('dicom/not-dicom', file, 'not a DICOM Part 10 file');
  }
  return new InputError('dicom/malformed', file, `the ${where} is malformed and cannot be parsed`);
}
