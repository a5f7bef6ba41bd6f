/**
 * The bad-DICOM corpus, made by code from valid seeds: truncations at every element boundary,
 * flipped header bytes, lengths past the end and odd lengths, absurd sizes, bit depths that
 * contradict each other, compressed streams cut short, pixel data that does not match the frames,
 * unknown transfer syntaxes, palette colour without its tables, no preamble, and a deflate bomb.
 * Every file carries PHI-looking patient values.
 */
import type { RenderDicomOptions } from '../../../actions/lib/dicom/render-dicom.js';
import { type DicomElement, encodeDicom } from '../../../actions/lib/synth/dicom/write-dicom.js';
import { imageElements } from '../../dicom/synthetic-dicom.js';
import { deflateBomb } from './deflate-bomb.js';
import {
  findSpan,
  lastFragment,
  pixelDataEnd,
  withLastFragment,
  withLength,
  withUint16,
} from './dicom-patch.js';
import { elementSpans, truncationPoints } from './element-boundaries.js';
import type { SeedFile } from './writer-seeds.js';

/**
 * One corpus file. `mustFail`: the file is broken in a way that must end in an InputError. Otherwise
 * the damage may be harmless (a flipped byte in a private tag), and an image is as good an answer.
 */
export interface DicomCase {
  name: string;
  bytes: Uint8Array;
  mustFail: boolean;
  options?: RenderDicomOptions;
}

const TAG = {
  rows: 0x00280010,
  columns: 0x00280011,
  bitsAllocated: 0x00280100,
  bitsStored: 0x00280101,
  highBit: 0x00280102,
  samples: 0x00280002,
  patientName: 0x00100010,
  pixelData: 0x7fe00010,
};

const isBigEndian = (seed: SeedFile) => /big|explicit-be/i.test(seed.name);
const isDeflated = (seed: SeedFile) => /dfl|deflated/.test(seed.name);

/**
 * Truncations at every element boundary of every seed; with `fine`, also inside every header and
 * value (the fuzz run does that; the test suite keeps to boundaries for the big real files).
 */
export function truncatedCases(
  seeds: readonly SeedFile[],
  fine = (s: SeedFile) => s.bytes.length < 4096,
): DicomCase[] {
  const cases: DicomCase[] = [];
  for (const seed of seeds) {
    const end = pixelDataEnd(seed.bytes) ?? seed.bytes.length;
    const points = truncationPoints(seed.bytes, fine(seed));
    // A deflated data set shows no boundaries: cut its stream at a spread of points instead.
    if (isDeflated(seed)) {
      const start = points.at(-1) ?? 132;
      for (let k = 1; k < 16; k++) points.push(start + Math.floor(((seed.bytes.length - start) * k) / 16));
    }
    for (const cut of points) {
      cases.push({
        name: `truncated-${seed.name}-at-${cut}`,
        bytes: seed.bytes.subarray(0, cut),
        // Only a cut after the last pixel byte (trailing padding elements) may leave a whole image.
        mustFail: isDeflated(seed) || cut < end,
      });
    }
  }
  return cases;
}

/** Every byte of the first elements' headers (tag, VR, length) inverted, one at a time. */
export function flippedHeaderCases(seeds: readonly SeedFile[], perSeed = 24): DicomCase[] {
  const cases: DicomCase[] = [];
  for (const seed of seeds) {
    const offsets: number[] = [];
    for (const span of elementSpans(seed.bytes)) {
      for (let i = 0; i < span.headerLength; i++) offsets.push(span.offset + i);
    }
    const step = Math.max(1, Math.floor(offsets.length / perSeed));
    for (let i = 0; i < offsets.length; i += step) {
      const at = offsets[i]!;
      const bytes = new Uint8Array(seed.bytes);
      bytes[at] = bytes[at]! ^ 0xff;
      cases.push({ name: `flipped-${seed.name}-at-${at}`, bytes, mustFail: false });
    }
  }
  return cases;
}

/** Element lengths past the end of the file, and odd lengths that misalign what follows. */
export function lengthCases(seeds: readonly SeedFile[]): DicomCase[] {
  const cases: DicomCase[] = [];
  for (const seed of seeds.filter((s) => !isBigEndian(s) && !isDeflated(s))) {
    const spans = elementSpans(seed.bytes).filter((s) => s.valueEnd !== undefined && s.tag >>> 16 !== 0xfffe);
    const chosen = [
      spans.find((s) => s.tag === TAG.patientName),
      spans.find((s) => s.tag === TAG.rows),
      spans.find((s) => s.tag === TAG.pixelData),
      spans.find((s) => s.tag >>> 16 === 0x0002 && s.tag !== 0x00020000),
    ].filter((s) => s !== undefined);
    for (const span of chosen) {
      const short =
        span.headerLength === 8 && /^[A-Z]{2}$/.test(String.fromCharCode(seed.bytes[span.offset + 4]!));
      const tag = span.tag.toString(16).padStart(8, '0');
      const pastEnd = short ? 0xfffe : seed.bytes.length + 1000;
      cases.push({
        name: `length-past-end-${seed.name}-${tag}`,
        bytes: withLength(seed.bytes, span, pastEnd),
        // A short length can grow only to 64 KB: in a big file that still ends inside it.
        mustFail: span.offset + span.headerLength + pastEnd > seed.bytes.length,
      });
      cases.push({
        name: `length-huge-${seed.name}-${tag}`,
        bytes: withLength(seed.bytes, span, short ? 0xffff : 0xfffffff0),
        mustFail: false,
      });
      const length = (span.valueEnd ?? 0) - span.offset - span.headerLength;
      cases.push({
        name: `length-odd-${seed.name}-${tag}`,
        bytes: withLength(seed.bytes, span, length + 1),
        mustFail: false,
      });
    }
  }
  return cases;
}

/** Pixel modules that cannot describe an image: absurd or zero sizes, contradictory bit depths. */
export function pixelModuleCases(seeds: readonly SeedFile[]): DicomCase[] {
  const cases: DicomCase[] = [];
  const patches: [string, number, number][] = [
    ['rows-65535', TAG.rows, 65535],
    ['columns-65535', TAG.columns, 65535],
    ['rows-0', TAG.rows, 0],
    ['columns-0', TAG.columns, 0],
    ['bits-stored-above-allocated', TAG.bitsStored, 33],
    ['high-bit-above-allocated', TAG.highBit, 40],
    ['bits-allocated-7', TAG.bitsAllocated, 7],
    ['bits-allocated-64', TAG.bitsAllocated, 64],
    ['bits-allocated-0', TAG.bitsAllocated, 0],
    ['samples-2', TAG.samples, 2],
    ['samples-0', TAG.samples, 0],
  ];
  for (const seed of seeds.filter((s) => !isBigEndian(s) && !isDeflated(s))) {
    for (const [what, tag, value] of patches) {
      const bytes = withUint16(seed.bytes, tag, value);
      // Bigger or smaller Rows/Columns than the stored stream may still decode for a compressed
      // frame whose codec reports its own size; everything else contradicts itself.
      if (bytes) cases.push({ name: `${what}-${seed.name}`, bytes, mustFail: !/samples-2/.test(what) });
    }
  }
  const ct = (options: Parameters<typeof imageElements>[0], extra: DicomElement[] = []) =>
    encodeDicom({ elements: [...imageElements(options), ...extra], pixelData: new Uint16Array(64) });
  cases.push(
    { name: 'absurd-frames', bytes: ct({ rows: 65535, columns: 65535, frames: 99999 }), mustFail: true },
    { name: 'bits-stored-17-of-16', bytes: ct({ rows: 8, columns: 8, bitsStored: 17 }), mustFail: true },
    // NumberOfFrames 0 with one frame of pixels: reading it as one frame is a fair answer too.
    { name: 'frames-zero', bytes: ct({ rows: 8, columns: 8, frames: 0 }), mustFail: false },
    { name: 'frames-negative', bytes: ct({ rows: 8, columns: 8, frames: -3 }), mustFail: true },
    {
      name: 'frames-not-a-number',
      bytes: ct({ rows: 8, columns: 8 }, [{ keyword: 'NumberOfFrames', value: 'Doe^Jane' }]),
      mustFail: true,
    },
    { name: 'photometric-unknown', bytes: ct({ rows: 8, columns: 8, photometric: 'CMYK' }), mustFail: true },
    {
      name: 'rgb-with-one-sample',
      bytes: ct({ rows: 8, columns: 8, photometric: 'RGB', samples: 1 }),
      mustFail: true,
    },
  );
  return cases;
}

/** PixelData sizes that do not match NumberOfFrames × frame size, and frames asked past the end. */
export function pixelDataSizeCases(): DicomCase[] {
  const frameOf = (frames: number, values: number) =>
    encodeDicom({
      elements: imageElements({ rows: 8, columns: 8, frames }),
      pixelData: new Uint16Array(values),
    });
  return [
    { name: 'pixels-one-of-three-frames', bytes: frameOf(3, 64), mustFail: true, options: { frame: 2 } },
    { name: 'pixels-half-a-frame', bytes: frameOf(1, 32), mustFail: true },
    { name: 'pixels-none', bytes: frameOf(1, 0), mustFail: true },
    { name: 'frame-past-the-last', bytes: frameOf(2, 128), mustFail: true, options: { frame: 5 } },
    {
      name: 'encapsulated-fewer-fragments-than-frames',
      bytes: encodeDicom({
        elements: imageElements({ rows: 8, columns: 8, frames: 4 }),
        pixelData: { frames: [new Uint8Array(130)] },
        transferSyntax: 'rle',
      }),
      mustFail: true,
      options: { frame: 3 },
    },
  ];
}

/** Compressed frames (JPEG, JPEG Lossless, JPEG-LS, JPEG 2000, RLE) cut short inside a sound file. */
export function cutStreamCases(seeds: readonly SeedFile[]): DicomCase[] {
  const cases: DicomCase[] = [];
  for (const seed of seeds) {
    const stream = lastFragment(seed.bytes);
    if (!stream || stream.length < 64) continue;
    for (const fraction of [0, 0.02, 0.25, 0.5, 0.9]) {
      const kept = Math.max(2, Math.floor(stream.length * fraction));
      const bytes = withLastFragment(seed.bytes, stream.subarray(0, kept));
      if (bytes)
        cases.push({ name: `cut-stream-${seed.name}-${kept}-of-${stream.length}`, bytes, mustFail: true });
    }
    // The whole stream but its last two bytes (a JPEG's end-of-image marker).
    const bytes = withLastFragment(seed.bytes, stream.subarray(0, stream.length - 2));
    if (bytes) cases.push({ name: `cut-stream-${seed.name}-no-trailer`, bytes, mustFail: false });
  }
  return cases;
}

/** Transfer syntaxes that are unknown, undecodable here, empty or missing. */
export function transferSyntaxCases(): DicomCase[] {
  const elements = imageElements({ rows: 8, columns: 8 });
  const frames = { frames: [new Uint8Array(64)] };
  return [
    ...[
      '1.2.3.4.5.6.7',
      '1.2.840.10008.1.2.4.100',
      '1.2.840.10008.1.2.4.201',
      '1.2.840.10008.1.2.1.98',
      '',
    ].map((uid) => ({
      name: `transfer-syntax-${uid || 'empty'}`,
      bytes: encodeDicom({ elements, pixelData: frames, transferSyntax: uid }),
      mustFail: true,
    })),
    {
      name: 'transfer-syntax-patient-name',
      bytes: encodeDicom({ elements, pixelData: frames, transferSyntax: 'Doe^Jane MRN-123456' }),
      mustFail: true,
    },
  ];
}

/** PALETTE COLOR without its tables, or with tables that do not match their descriptors. */
export function paletteCases(): DicomCase[] {
  const base = imageElements({ rows: 8, columns: 8, bitsAllocated: 8, photometric: 'PALETTE COLOR' });
  const pixelData = new Uint8Array(64);
  const descriptor = (entries: number, bits = 16): DicomElement[] => [
    { keyword: 'RedPaletteColorLookupTableDescriptor', value: [entries, 0, bits] },
    { keyword: 'GreenPaletteColorLookupTableDescriptor', value: [entries, 0, bits] },
    { keyword: 'BluePaletteColorLookupTableDescriptor', value: [entries, 0, bits] },
  ];
  const data = (length: number): DicomElement[] => [
    { keyword: 'RedPaletteColorLookupTableData', value: new Uint16Array(length) },
    { keyword: 'GreenPaletteColorLookupTableData', value: new Uint16Array(length) },
    { keyword: 'BluePaletteColorLookupTableData', value: new Uint16Array(length) },
  ];
  const file = (extra: DicomElement[]) => encodeDicom({ elements: [...base, ...extra], pixelData });
  return [
    { name: 'palette-no-luts', bytes: file([]), mustFail: true },
    { name: 'palette-descriptors-only', bytes: file(descriptor(256)), mustFail: true },
    { name: 'palette-data-only', bytes: file(data(256)), mustFail: true },
    { name: 'palette-short-data', bytes: file([...descriptor(256), ...data(10)]), mustFail: true },
    // Tables declared 3 bits deep: odd, but scaling them is as fair as refusing them.
    { name: 'palette-bits-3', bytes: file([...descriptor(256, 3), ...data(256)]), mustFail: false },
  ];
}

/** Files that are not Part 10: no preamble, an empty file, a marker and nothing else, text. */
export function notPart10Cases(seeds: readonly SeedFile[]): DicomCase[] {
  const seed = seeds[0]!;
  const bare = encodeDicom({
    elements: imageElements({ rows: 8, columns: 8 }),
    pixelData: new Uint16Array(64),
    omitMetaHeader: true,
  });
  const marker = new Uint8Array(132);
  marker.set([0x44, 0x49, 0x43, 0x4d], 128);
  return [
    { name: 'no-preamble-bare-data-set', bytes: bare, mustFail: true },
    { name: 'no-preamble-preamble-cut', bytes: seed.bytes.subarray(128), mustFail: true },
    { name: 'empty-file', bytes: new Uint8Array(0), mustFail: true },
    { name: 'marker-only', bytes: marker, mustFail: true },
    {
      name: 'text-file',
      bytes: new TextEncoder().encode('PatientName=Doe^Jane\nPatientID=MRN-123456\n'),
      mustFail: true,
    },
    {
      name: 'no-meta-group',
      bytes: new Uint8Array([
        ...marker,
        ...seed.bytes.subarray(132 + (findSpan(seed.bytes, 0x00020000)?.valueEnd ?? 0)),
      ]),
      mustFail: true,
    },
  ];
}

/** A deflated data set that inflates past the limit given in `options` (or the default 1 GB). */
export function deflateBombCase(inflatedBytes: number, options?: RenderDicomOptions): DicomCase {
  return {
    name: `deflate-bomb-${inflatedBytes}`,
    bytes: deflateBomb(inflatedBytes),
    mustFail: true,
    ...(options ? { options } : {}),
  };
}

/**
 * `count` empty private elements (8 bytes each, distinct tags) before an 8 × 8 image: a small file
 * whose parse allocates an object per element. Real files hold thousands; millions are absurd.
 */
export function manyElementsCase(count: number): DicomCase {
  const base = encodeDicom({
    elements: imageElements({ rows: 8, columns: 8 }),
    pixelData: new Uint16Array(64),
  });
  const metaEnd = 132 + 12 + new DataView(base.buffer, base.byteOffset).getUint32(140, true);
  const filler = new Uint8Array(count * 8);
  const view = new DataView(filler.buffer);
  for (let i = 0; i < count; i++) {
    view.setUint16(i * 8, 0x0009 + 2 * Math.floor(i / 0xff00), true); // private groups, in order
    view.setUint16(i * 8 + 2, 0x0100 + (i % 0xff00), true);
    filler[i * 8 + 4] = 0x4c; // LO, length 0
    filler[i * 8 + 5] = 0x4f;
  }
  const bytes = new Uint8Array(base.length + filler.length);
  bytes.set(base.subarray(0, metaEnd));
  bytes.set(filler, metaEnd);
  bytes.set(base.subarray(metaEnd), metaEnd + filler.length);
  return { name: `many-elements-${count}`, bytes, mustFail: true };
}

/** The whole corpus but the bomb and the element flood (kept apart: big by design). */
export function dicomCorpus(seeds: readonly SeedFile[]): DicomCase[] {
  return [
    ...truncatedCases(seeds),
    ...flippedHeaderCases(seeds),
    ...lengthCases(seeds),
    ...pixelModuleCases(seeds),
    ...pixelDataSizeCases(),
    ...cutStreamCases(seeds),
    ...transferSyntaxCases(),
    ...paletteCases(),
    ...notPart10Cases(seeds),
  ];
}
