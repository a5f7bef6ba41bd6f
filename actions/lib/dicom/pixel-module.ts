/**
 * The attributes that say how to turn stored pixel values into an image (PS3.3 C.7.6.3 Image Pixel,
 * C.11 Modality and VOI LUT, C.7.9 Palette Colour), read once into plain numbers and keywords.
 * Every error names the attribute, never its value, unless the value is a known keyword.
 */
import type { DataSet, Element } from 'dicom-parser';
import { InputError } from '../errors.js';
import type { DicomLimits } from './read-dicom.js';
import { expandSegmentedLut } from './segmented-lut.js';

/** Photometric interpretations this engine renders. */
export type Photometric =
  | 'MONOCHROME1'
  | 'MONOCHROME2'
  | 'PALETTE COLOR'
  | 'RGB'
  | 'YBR_FULL'
  | 'YBR_FULL_422'
  | 'YBR_RCT'
  | 'YBR_ICT';

const SUPPORTED_PHOTOMETRIC = new Set<string>([
  'MONOCHROME1',
  'MONOCHROME2',
  'PALETTE COLOR',
  'RGB',
  'YBR_FULL',
  'YBR_FULL_422',
  'YBR_RCT',
  'YBR_ICT',
]);
const KNOWN_UNSUPPORTED_PHOTOMETRIC = new Set(['YBR_PARTIAL_422', 'YBR_PARTIAL_420', 'ARGB', 'CMYK', 'HSV']);

/** VOI LUT functions of PS3.3 C.11.2.1.3. */
export type VoiLutFunction = 'LINEAR' | 'LINEAR_EXACT' | 'SIGMOID';

/** A lookup table: `data[i]` is the output for input `firstMapped + i`; `bits` is its declared depth. */
export interface LookupTable {
  firstMapped: number;
  bits: number;
  data: Uint16Array;
}

/** The pixel-describing attributes of one image. */
export interface PixelModule {
  rows: number;
  columns: number;
  samplesPerPixel: 1 | 3;
  photometric: Photometric;
  planarConfiguration: 0 | 1;
  bitsAllocated: 1 | 8 | 16 | 32 | 64;
  /** Float Pixel Data (7FE0,0008) or Double Float Pixel Data (7FE0,0009) instead of integers. */
  floatPixels?: 'float' | 'double';
  bitsStored: number;
  highBit: number;
  pixelRepresentation: 0 | 1;
  numberOfFrames: number;
  rescaleSlope: number;
  rescaleIntercept: number;
  modalityLut?: LookupTable;
  voiLut?: LookupTable;
  /** The first WindowCenter/WindowWidth pair, when both are present and usable. */
  window?: { center: number; width: number };
  voiLutFunction: VoiLutFunction;
  palette?: { red: LookupTable; green: LookupTable; blue: LookupTable };
  burnedInAnnotation: 'YES' | 'NO' | 'undeclared';
}

/** Reads and checks the pixel module. Throws InputError ('dicom/bad-pixel-module', …) when unusable. */
export function readPixelModule(file: string, dataSet: DataSet, limits: DicomLimits): PixelModule {
  const bad = (reason: string) => new InputError('dicom/bad-pixel-module', file, reason);
  const required = (tag: string, name: string): number => {
    const value = dataSet.elements[tag]?.length ? dataSet.uint16(tag) : undefined;
    if (value === undefined) throw bad(`${name} ${tagLabel(tag)} is missing`);
    return value;
  };

  const rows = required('x00280010', 'Rows');
  const columns = required('x00280011', 'Columns');
  const bitsAllocated = required('x00280100', 'BitsAllocated');
  if (rows === 0 || columns === 0) throw bad('Rows or Columns is zero');
  const floatPixels = dataSet.elements.x7fe00010
    ? undefined
    : dataSet.elements.x7fe00008
      ? 'float'
      : dataSet.elements.x7fe00009
        ? 'double'
        : undefined;
  if (floatPixels && bitsAllocated !== (floatPixels === 'float' ? 32 : 64)) {
    throw bad(`BitsAllocated ${bitsAllocated} does not match ${floatPixels} pixel data`);
  }
  if (
    bitsAllocated !== 1 &&
    bitsAllocated !== 8 &&
    bitsAllocated !== 16 &&
    bitsAllocated !== 32 &&
    !floatPixels
  ) {
    throw new InputError(
      'dicom/unsupported-pixel-data',
      file,
      `BitsAllocated ${bitsAllocated} is not supported (1, 8, 16 or 32)`,
    );
  }
  const samplesPerPixel = dataSet.elements.x00280002?.length ? dataSet.uint16('x00280002') : 1;
  if (samplesPerPixel !== 1 && samplesPerPixel !== 3) {
    throw new InputError(
      'dicom/unsupported-pixel-data',
      file,
      `SamplesPerPixel ${samplesPerPixel} is not supported (1 or 3)`,
    );
  }
  // Float pixel data has no stored bits to mask: BitsStored and HighBit do not apply.
  const bitsStored =
    dataSet.elements.x00280101?.length && !floatPixels ? dataSet.uint16('x00280101')! : bitsAllocated;
  const highBit =
    dataSet.elements.x00280102?.length && !floatPixels ? dataSet.uint16('x00280102')! : bitsStored - 1;
  if (bitsStored < 1 || bitsStored > bitsAllocated) throw bad('BitsStored is outside 1..BitsAllocated');
  if (highBit < bitsStored - 1 || highBit >= bitsAllocated)
    throw bad('HighBit is inconsistent with BitsStored and BitsAllocated');
  const pixelRepresentation = dataSet.elements.x00280103?.length ? dataSet.uint16('x00280103') : 0;
  if (pixelRepresentation !== 0 && pixelRepresentation !== 1)
    throw bad('PixelRepresentation is neither 0 nor 1');

  const photometricText = (dataSet.string('x00280004') ?? '').trim().toUpperCase();
  if (photometricText === '') throw bad('PhotometricInterpretation (0028,0004) is missing');
  if (!SUPPORTED_PHOTOMETRIC.has(photometricText)) {
    const named = KNOWN_UNSUPPORTED_PHOTOMETRIC.has(photometricText) ? photometricText : 'this value';
    throw new InputError(
      'dicom/unsupported-photometric',
      file,
      `PhotometricInterpretation ${named} is not supported`,
    );
  }
  const photometric = photometricText as Photometric;
  const colourPhotometric =
    photometric !== 'MONOCHROME1' && photometric !== 'MONOCHROME2' && photometric !== 'PALETTE COLOR';
  if (colourPhotometric !== (samplesPerPixel === 3)) {
    throw bad(`PhotometricInterpretation ${photometric} does not match SamplesPerPixel ${samplesPerPixel}`);
  }
  if (floatPixels && (samplesPerPixel !== 1 || photometric === 'PALETTE COLOR')) {
    throw bad('float pixel data must be MONOCHROME1 or MONOCHROME2');
  }
  const planarConfiguration = samplesPerPixel === 3 && dataSet.uint16('x00280006') === 1 ? 1 : 0;

  const framesText = dataSet.elements.x00280008?.length ? (dataSet.string('x00280008') ?? '').trim() : '';
  if (framesText !== '' && !/^[+]?\d{1,10}$/.test(framesText))
    throw bad('NumberOfFrames (0028,0008) is not an integer');
  // An empty or zero NumberOfFrames means one frame, as other readers take it.
  const numberOfFrames = Math.max(1, framesText === '' ? 1 : Number(framesText));
  if (numberOfFrames > limits.maxFrames) {
    throw new InputError('dicom/too-large', file, `NumberOfFrames exceeds the limit of ${limits.maxFrames}`);
  }
  const frameBytes = rows * columns * samplesPerPixel * Math.max(1, bitsAllocated / 8);
  if (frameBytes > limits.maxFrameBytes) {
    throw new InputError(
      'dicom/too-large',
      file,
      `a ${rows}×${columns} frame exceeds the ${limits.maxFrameBytes}-byte limit`,
    );
  }

  const signedInput = pixelRepresentation === 1;
  const modalityItem = lutItem(dataSet, 'x00283000');
  const voiItem = lutItem(dataSet, 'x00283010');
  const center = finiteNumber(dataSet, 'x00281050');
  const width = finiteNumber(dataSet, 'x00281051');
  const voiLutFunction = readVoiLutFunction(dataSet);

  return {
    rows,
    columns,
    samplesPerPixel,
    photometric,
    planarConfiguration,
    bitsAllocated: bitsAllocated as PixelModule['bitsAllocated'],
    floatPixels,
    bitsStored,
    highBit,
    pixelRepresentation,
    numberOfFrames,
    // A zero slope is invalid (PS3.3 C.11.1.1.2) and would flatten the image: taken as 1.
    rescaleSlope: finiteNumber(dataSet, 'x00281053') || 1,
    rescaleIntercept: finiteNumber(dataSet, 'x00281052') ?? 0,
    modalityLut: modalityItem
      ? readLut(file, modalityItem, 'x00283002', 'x00283006', signedInput)
      : undefined,
    voiLut: voiItem ? readLut(file, voiItem, 'x00283002', 'x00283006', signedInput) : undefined,
    window: center !== undefined && width !== undefined ? { center, width } : undefined,
    voiLutFunction,
    palette: photometric === 'PALETTE COLOR' ? readPalette(file, dataSet) : undefined,
    burnedInAnnotation: burnedIn(dataSet.string('x00280301')),
  };
}

function burnedIn(value: string | undefined): PixelModule['burnedInAnnotation'] {
  const text = value?.trim().toUpperCase();
  return text === 'YES' || text === 'NO' ? text : 'undeclared';
}

function tagLabel(tag: string): string {
  return `(${tag.slice(1, 5).toUpperCase()},${tag.slice(5).toUpperCase()})`;
}

/** VOILUTFunction (0028,1056); LINEAR when absent or unknown. */
export function readVoiLutFunction(dataSet: DataSet): VoiLutFunction {
  const text = (dataSet.string('x00281056') ?? '').trim().toUpperCase();
  return text === 'LINEAR_EXACT' || text === 'SIGMOID' ? text : 'LINEAR';
}

/** A DS value's first number, when present and finite. */
export function finiteNumber(dataSet: DataSet, tag: string): number | undefined {
  if (!dataSet.elements[tag]?.length) return undefined;
  const value = dataSet.floatString(tag, 0);
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}

function firstItem(dataSet: DataSet, tag: string): DataSet | undefined {
  return dataSet.elements[tag]?.items?.[0]?.dataSet;
}

/**
 * The first item of a Modality or VOI LUT Sequence, unless it holds neither LUTDescriptor nor
 * LUTData: PS3.3 allows an empty item, and pydicom (apply_voi_lut) then falls back to the window or
 * the linear rescale, as if the sequence were absent. An item with only one of the two is corrupt.
 */
function lutItem(dataSet: DataSet, tag: string): DataSet | undefined {
  const item = firstItem(dataSet, tag);
  return item?.elements.x00283002 || item?.elements.x00283006 ? item : undefined;
}

/** Reads a LUT's descriptor (entries, first mapped, bits) and its 16-bit data. */
function readLut(
  file: string,
  dataSet: DataSet,
  descriptorTag: string,
  dataTag: string,
  signedInput: boolean,
): LookupTable {
  const bad = (reason: string) => new InputError('dicom/bad-lut', file, reason);
  const descriptor = dataSet.elements[descriptorTag];
  if (!descriptor || descriptor.length < 6)
    throw bad(`a lookup table descriptor ${tagLabel(descriptorTag)} is missing or short`);
  const entries = dataSet.uint16(descriptorTag, 0) || 65536;
  const firstRaw = dataSet.uint16(descriptorTag, 1)!;
  // The first mapped value is SS when the LUT's input is signed; writers often encode it as US, and
  // implicit VR cannot say: with signed input, a value of 32768 or more can only be negative.
  const signed = descriptor.vr === 'SS' || signedInput;
  const firstMapped = signed && firstRaw >= 0x8000 ? firstRaw - 0x10000 : firstRaw;
  const bits = dataSet.uint16(descriptorTag, 2)!;
  if (bits < 1 || bits > 16) throw bad('a lookup table declares a bit depth outside 1..16');
  const element = dataSet.elements[dataTag];
  if (!element) throw bad(`lookup table data ${tagLabel(dataTag)} is missing`);
  const data = readWords(dataSet, element, entries);
  if (!data) throw bad('lookup table data is shorter than its descriptor declares');
  return { firstMapped, bits, data };
}

/** Reads `count` 16-bit words (or bytes, for 8-bit palette data packed one entry per byte). */
function readWords(dataSet: DataSet, element: Element, count: number): Uint16Array | undefined {
  const out = new Uint16Array(count);
  const parser = dataSet.byteArrayParser;
  const bytes = dataSet.byteArray;
  const length = Math.min(element.length, bytes.length - element.dataOffset); // a truncated file
  if (length >= count * 2) {
    for (let i = 0; i < count; i++) out[i] = parser.readUint16(bytes, element.dataOffset + i * 2);
    return out;
  }
  if (length === count) {
    for (let i = 0; i < count; i++) out[i] = bytes[element.dataOffset + i]!;
    return out;
  }
  return undefined;
}

function readPalette(file: string, dataSet: DataSet): PixelModule['palette'] {
  const segmented = !dataSet.elements.x00281201 && dataSet.elements.x00281221;
  const table = (descriptor: string, data: string, segmentedData: string) => {
    const lut = segmented
      ? readSegmentedLut(file, dataSet, descriptor, segmentedData)
      : readLut(file, dataSet, descriptor, data, false);
    // 8-bit entries sit in 16-bit words; some writers put them in the high byte.
    if (lut.bits <= 8 && lut.data.some((v) => v > 255)) lut.data = lut.data.map((v) => v >> 8);
    return lut;
  };
  return {
    red: table('x00281101', 'x00281201', 'x00281221'),
    green: table('x00281102', 'x00281202', 'x00281222'),
    blue: table('x00281103', 'x00281203', 'x00281223'),
  };
}

/** A segmented palette LUT: descriptor as usual, data as segments (8-bit bytes or 16-bit words). */
function readSegmentedLut(
  file: string,
  dataSet: DataSet,
  descriptorTag: string,
  dataTag: string,
): LookupTable {
  const bad = (reason: string) => new InputError('dicom/bad-lut', file, reason);
  const descriptor = dataSet.elements[descriptorTag];
  const element = dataSet.elements[dataTag];
  if (!descriptor || descriptor.length < 6 || !element)
    throw bad('a segmented palette lookup table is incomplete');
  const entries = dataSet.uint16(descriptorTag, 0) || 65536;
  const firstMapped = dataSet.uint16(descriptorTag, 1)!;
  const bits = dataSet.uint16(descriptorTag, 2)!;
  const available = Math.min(element.length, dataSet.byteArray.length - element.dataOffset);
  const words =
    bits <= 8
      ? dataSet.byteArray.subarray(element.dataOffset, element.dataOffset + available)
      : Uint16Array.from({ length: available >> 1 }, (_, i) =>
          dataSet.byteArrayParser.readUint16(dataSet.byteArray, element.dataOffset + i * 2),
        );
  try {
    return { firstMapped, bits, data: expandSegmentedLut(words, entries) };
  } catch {
    throw bad('a segmented palette lookup table is malformed');
  }
}
