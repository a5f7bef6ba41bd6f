/**
 * Finds the bytes of one frame in (7FE0,0010) Pixel Data: a slice of native data, checked against
 * the size the pixel module declares, or the fragments of one encapsulated frame.
 */
import dicomParser, { type DataSet, type Element } from 'dicom-parser';
import { InputError } from '../errors.js';
import type { PixelModule } from './pixel-module.js';
import type { TransferSyntax } from './transfer-syntaxes.js';

/** One frame's bytes. For native 1-bit data the frame may start inside a byte: `bitOffset` says where. */
export interface FrameData {
  bytes: Uint8Array;
  bitOffset: number;
}

/** Values per frame as stored natively: YBR_FULL_422 keeps two chroma values per two pixels. */
export function nativeValuesPerFrame(module: PixelModule): number {
  const pixels = module.rows * module.columns;
  return module.photometric === 'YBR_FULL_422' ? pixels * 2 : pixels * module.samplesPerPixel;
}

/** The bytes of frame `frame` (0-based). Throws InputError when the pixel data is missing or short. */
export function frameData(
  file: string,
  dataSet: DataSet,
  module: PixelModule,
  syntax: TransferSyntax,
  frame: number,
): FrameData {
  const element = dataSet.elements.x7fe00010 ?? dataSet.elements.x7fe00008 ?? dataSet.elements.x7fe00009;
  if (!element) throw new InputError('dicom/no-pixel-data', file, 'the file has no Pixel Data (7FE0,0010)');
  if (module.floatPixels && syntax.encoding !== 'native') {
    throw new InputError(
      'dicom/bad-pixel-data',
      file,
      `float pixel data cannot be encapsulated (${syntax.name})`,
    );
  }
  if (!Number.isInteger(frame) || frame < 0 || frame >= module.numberOfFrames) {
    throw new InputError(
      'dicom/frame-out-of-range',
      file,
      `frame ${frame} does not exist (the file has ${module.numberOfFrames} frame${module.numberOfFrames === 1 ? '' : 's'})`,
    );
  }
  const available = dataSet.byteArray.length - element.dataOffset;
  if (syntax.encoding === 'native') return nativeFrame(file, dataSet, element, module, frame, available);
  return encapsulatedFrame(file, dataSet, element, module, frame);
}

function nativeFrame(
  file: string,
  dataSet: DataSet,
  element: Element,
  module: PixelModule,
  frame: number,
  available: number,
): FrameData {
  if (element.encapsulatedPixelData) {
    throw new InputError(
      'dicom/bad-pixel-data',
      file,
      'pixel data is encapsulated but the transfer syntax is native',
    );
  }
  const length = Math.min(element.length, available);
  const values = nativeValuesPerFrame(module);
  if (module.bitsAllocated === 1) {
    const totalBits = values * module.numberOfFrames;
    if (length * 8 < totalBits) throw truncated(file, Math.ceil(totalBits / 8), length);
    const startBit = values * frame;
    const start = element.dataOffset + Math.floor(startBit / 8);
    const end = element.dataOffset + Math.ceil((startBit + values) / 8);
    return { bytes: dataSet.byteArray.subarray(start, end), bitOffset: startBit % 8 };
  }
  const frameBytes = values * (module.bitsAllocated / 8);
  const expected = frameBytes * module.numberOfFrames;
  if (length < expected) throw truncated(file, expected, length);
  const start = element.dataOffset + frame * frameBytes;
  return { bytes: dataSet.byteArray.subarray(start, start + frameBytes), bitOffset: 0 };
}

function truncated(file: string, expected: number, actual: number): InputError {
  return new InputError(
    'dicom/truncated',
    file,
    `Pixel Data holds ${actual} bytes but Rows × Columns × samples × frames needs ${expected}`,
  );
}

function startsCodestream(head: Uint8Array): boolean {
  if (head[0] === 0xff && head[1] === 0xd8) return true; // JPEG, JPEG-LS: SOI
  if (head[0] === 0xff && head[1] === 0x4f && head[2] === 0xff && head[3] === 0x51) return true; // J2K: SOC, SIZ
  // JP2 signature box: length 12, type 'jP  '.
  return head[3] === 0x0c && head[4] === 0x6a && head[5] === 0x50 && head[6] === 0x20 && head[7] === 0x20;
}

function encapsulatedFrame(
  file: string,
  dataSet: DataSet,
  element: Element,
  module: PixelModule,
  frame: number,
): FrameData {
  const fragments = element.fragments ?? [];
  if (!element.encapsulatedPixelData || fragments.length === 0) {
    throw new InputError('dicom/bad-pixel-data', file, 'encapsulated pixel data has no fragments');
  }
  const end = dataSet.byteArray.length;
  for (const fragment of fragments) {
    if (fragment.position + fragment.length > end) {
      throw new InputError('dicom/truncated', file, 'a pixel data fragment runs past the end of the file');
    }
  }
  try {
    let bytes: Uint8Array;
    const table = element.basicOffsetTable ?? [];
    if (table.length > 0) {
      if (table.length !== module.numberOfFrames) throw new Error('offset table size');
      bytes = dicomParser.readEncapsulatedImageFrame(dataSet, element, frame, table, fragments);
    } else if (fragments.length === module.numberOfFrames) {
      bytes = dicomParser.readEncapsulatedPixelDataFromFragments(dataSet, element, frame, 1, fragments);
    } else if (module.numberOfFrames === 1) {
      bytes = dicomParser.readEncapsulatedPixelDataFromFragments(
        dataSet,
        element,
        0,
        fragments.length,
        fragments,
      );
    } else {
      // Several fragments per frame and no offset table: a frame starts with the fragment that
      // starts a codestream (JPEG SOI, JPEG 2000 SOC or a JP2 signature box).
      const starts = fragments.flatMap((fragment, i) =>
        startsCodestream(dataSet.byteArray.subarray(fragment.position, fragment.position + 12)) ? [i] : [],
      );
      if (starts.length !== module.numberOfFrames || starts[0] !== 0) throw new Error('frame boundaries');
      const first = starts[frame]!;
      const count = (starts[frame + 1] ?? fragments.length) - first;
      bytes = dicomParser.readEncapsulatedPixelDataFromFragments(dataSet, element, first, count, fragments);
    }
    return { bytes, bitOffset: 0 };
  } catch {
    throw new InputError(
      'dicom/bad-pixel-data',
      file,
      'cannot find the frame in the encapsulated pixel data',
    );
  }
}
