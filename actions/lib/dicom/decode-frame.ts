/**
 * Turns one frame's bytes into sample values in a typed array: native data is viewed (or byte-swapped),
 * encapsulated data goes through the codec of its transfer syntax. No value transform happens here.
 */
import type { DataSet } from 'dicom-parser';
import { InputError } from '../errors.js';
import type { CodecOutput } from './codecs/codec-output.js';
import { encodedDimensions } from './codecs/encoded-dimensions.js';
import { decodeJpeg } from './codecs/jpeg.js';
import { decodeJpegLossless } from './codecs/jpeg-lossless.js';
import { decodeJpegLs } from './codecs/jpeg-ls.js';
import { decodeJpeg2000 } from './codecs/jpeg2000.js';
import { decodeRle } from './codecs/rle.js';
import { type FrameData, frameData, nativeValuesPerFrame } from './frame-data.js';
import type { Photometric, PixelModule } from './pixel-module.js';
import { guardParser } from './read-dicom.js';
import type { TransferSyntax } from './transfer-syntaxes.js';

/** Sample values of one frame, before masking, sign extension or any LUT. */
export interface DecodedFrame {
  /** Container values; signed codec output keeps its two's complement bits. */
  values: Uint8Array | Uint16Array | Int16Array | Uint32Array | Float32Array | Float64Array;
  /** Sample planes one after another; otherwise samples are interleaved per pixel. */
  planar: boolean;
  /** What the samples now are: a decoder may already have turned YCbCr into RGB. */
  photometric: Photometric;
}

/** Decodes frame `frame` of a parsed file. Throws InputError ('dicom/decode-failed', …). */
export async function decodeFrame(
  file: string,
  dataSet: DataSet,
  module: PixelModule,
  syntax: TransferSyntax,
  frame: number,
): Promise<DecodedFrame> {
  const data = guardParser(file, () => frameData(file, dataSet, module, syntax, frame));
  if (syntax.encoding === 'native') return nativeFrame(data, module, syntax.littleEndian);
  if (syntax.encoding === 'encapsulated-native' && module.bitsAllocated > 1) {
    const needed = nativeValuesPerFrame(module) * (module.bitsAllocated / 8);
    if (data.bytes.length < needed) {
      throw new InputError(
        'dicom/truncated',
        file,
        `frame ${frame} holds ${data.bytes.length} bytes but needs ${needed}`,
      );
    }
    return nativeFrame({ bytes: data.bytes.subarray(0, needed), bitOffset: 0 }, module, true);
  }
  if (module.bitsAllocated === 1) {
    throw new InputError(
      'dicom/unsupported-pixel-data',
      file,
      `1-bit pixel data in ${syntax.name} is not supported`,
    );
  }
  const declared = syntax.encoding === 'rle' ? undefined : encodedDimensions(data.bytes);
  if (declared && (declared.width !== module.columns || declared.height !== module.rows)) {
    // Checked before decoding: a codec would allocate for whatever size the stream claims.
    throw new InputError(
      'dicom/decode-failed',
      file,
      `frame ${frame} is encoded as ${declared.width}×${declared.height}, not the declared ${module.columns}×${module.rows}`,
    );
  }
  if (JPEG_FAMILY.has(syntax.encoding!) && !endsWithEndOfImage(data.bytes)) {
    // A cut stream: some decoders return what they decoded and fill the rest; CharLS can spend
    // seconds on one. Refused before decoding.
    throw new InputError(
      'dicom/decode-failed',
      file,
      `frame ${frame} is cut short or corrupt (its ${syntax.name} stream has no end-of-image marker)`,
    );
  }
  let output: CodecOutput;
  try {
    output = await runCodec(data.bytes, module, syntax);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(
      'dicom/decode-failed',
      file,
      `the ${syntax.name} decoder could not decode frame ${frame}`,
    );
  }
  const wanted = module.rows * module.columns * module.samplesPerPixel;
  if (
    output.width !== module.columns ||
    output.height !== module.rows ||
    output.components !== module.samplesPerPixel ||
    output.values.length < wanted
  ) {
    throw new InputError(
      'dicom/decode-failed',
      file,
      `frame ${frame} decodes to ${output.width}×${output.height}×${output.components}, not the declared ${module.columns}×${module.rows}×${module.samplesPerPixel}`,
    );
  }
  let photometric = module.photometric;
  if (output.colourConverted) photometric = 'RGB';
  else if (photometric === 'YBR_FULL_422') photometric = 'YBR_FULL'; // decoders upsample chroma
  return { values: output.values, planar: output.planar, photometric };
}

/** Encodings whose streams end with the JPEG EOI marker (FF D9). */
const JPEG_FAMILY = new Set(['jpeg', 'jpeg-lossless', 'jpeg-ls']);

/**
 * Whether a JPEG, JPEG Lossless or JPEG-LS stream ends with EOI, allowing the fragment's even-length
 * padding and a little trailing junk. FF D9 cannot occur inside entropy-coded data (FF is stuffed),
 * so a stream cut anywhere before its end has none near its end.
 */
function endsWithEndOfImage(bytes: Uint8Array): boolean {
  for (let i = bytes.length - 2; i >= Math.max(0, bytes.length - 64); i--) {
    if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return true;
  }
  return false;
}

function runCodec(
  bytes: Uint8Array,
  module: PixelModule,
  syntax: TransferSyntax,
): Promise<CodecOutput> | CodecOutput {
  switch (syntax.encoding) {
    case 'rle':
      return decodeRle(bytes, module.rows, module.columns, module.samplesPerPixel, module.bitsAllocated);
    case 'jpeg':
      return decodeJpeg(bytes);
    case 'jpeg-lossless':
      return decodeJpegLossless(bytes, module.rows, module.columns, module.bitsAllocated);
    case 'jpeg-ls':
      return decodeJpegLs(bytes, module.pixelRepresentation === 1);
    case 'jpeg2000':
      return decodeJpeg2000(bytes);
    default:
      throw new Error(`no codec for ${syntax.uid}`);
  }
}

function nativeFrame(data: FrameData, module: PixelModule, littleEndian: boolean): DecodedFrame {
  const planar = module.samplesPerPixel === 3 && module.planarConfiguration === 1;
  const { bytes } = data;
  let values: DecodedFrame['values'];
  if (module.bitsAllocated === 1) {
    const count = module.rows * module.columns * module.samplesPerPixel;
    const bits = new Uint8Array(count);
    // Bit 0 of each byte is the first pixel (PS3.5 8.1.1).
    for (let i = 0, bit = data.bitOffset; i < count; i++, bit++)
      bits[i] = (bytes[bit >> 3]! >> (bit & 7)) & 1;
    values = bits;
  } else if (module.bitsAllocated === 8) {
    values = bytes;
  } else {
    const size = module.bitsAllocated / 8;
    const count = bytes.length / size;
    const View =
      module.floatPixels === 'double'
        ? Float64Array
        : module.floatPixels === 'float'
          ? Float32Array
          : size === 2
            ? Uint16Array
            : Uint32Array;
    if (littleEndian && bytes.byteOffset % size === 0) {
      values = new View(bytes.buffer as ArrayBuffer, bytes.byteOffset, count);
    } else {
      // Unaligned or big endian: copy, swapping each value's bytes for big endian.
      const copy = bytes.slice();
      if (!littleEndian) for (let i = 0; i < copy.length; i += size) copy.subarray(i, i + size).reverse();
      values = new View(copy.buffer, 0, count);
    }
  }
  if (module.photometric === 'YBR_FULL_422') {
    return {
      values: expandYbr422(values, module.rows * module.columns),
      planar: false,
      photometric: 'YBR_FULL',
    };
  }
  return { values, planar, photometric: module.photometric };
}

/** Native YBR_FULL_422 stores Y1 Y2 Cb Cr for each pair of pixels; give each pixel its own Y Cb Cr. */
function expandYbr422(packed: DecodedFrame['values'], pixels: number): DecodedFrame['values'] {
  const out = new (packed.constructor as Uint16ArrayConstructor)(pixels * 3);
  for (let p = 0, i = 0; p < pixels && i + 3 < packed.length; p += 2, i += 4) {
    const cb = packed[i + 2]!;
    const cr = packed[i + 3]!;
    out[p * 3] = packed[i]!;
    out[p * 3 + 1] = cb;
    out[p * 3 + 2] = cr;
    if (p + 1 < pixels) {
      out[p * 3 + 3] = packed[i + 1]!;
      out[p * 3 + 4] = cb;
      out[p * 3 + 5] = cr;
    }
  }
  return out;
}
