/**
 * Valid DICOM files made by our own writer, one per layout the engine decodes natively (every
 * uncompressed transfer syntax, RLE, deflate, RGB, palette colour, multi-frame, signed), each with
 * PHI-looking patient values. They are the starting points that the corpus cuts and corrupts.
 */
import { type DicomElement, encodeDicom } from '../../../actions/lib/synth/dicom/write-dicom.js';
import { imageElements } from '../../dicom/synthetic-dicom.js';

/** A named file held in memory. */
export interface SeedFile {
  name: string;
  bytes: Uint8Array;
}

const ramp16 = (n: number, step: number) => Uint16Array.from({ length: n }, (_, i) => (i * step) % 4096);
const ramp8 = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 37) % 256);

function ctElements(rows: number, columns: number): DicomElement[] {
  return [
    ...imageElements({ rows, columns, bitsStored: 12 }),
    { keyword: 'RescaleSlope', value: 1 },
    { keyword: 'RescaleIntercept', value: -1024 },
    { keyword: 'WindowCenter', value: 40 },
    { keyword: 'WindowWidth', value: 400 },
  ];
}

function paletteElements(): DicomElement[] {
  const table = (f: (i: number) => number) => Uint16Array.from({ length: 256 }, (_, i) => f(i) * 65535);
  return [
    ...imageElements({ rows: 8, columns: 8, bitsAllocated: 8, photometric: 'PALETTE COLOR' }),
    { keyword: 'RedPaletteColorLookupTableDescriptor', value: [256, 0, 16] },
    { keyword: 'GreenPaletteColorLookupTableDescriptor', value: [256, 0, 16] },
    { keyword: 'BluePaletteColorLookupTableDescriptor', value: [256, 0, 16] },
    { keyword: 'RedPaletteColorLookupTableData', value: table((i) => i / 255) },
    { keyword: 'GreenPaletteColorLookupTableData', value: table((i) => 1 - i / 255) },
    { keyword: 'BluePaletteColorLookupTableData', value: table((i) => i % 2) },
  ];
}

/** The writer's seed files (small: 8–16 pixels a side, so thousands of mutations stay fast). */
export function writerSeeds(): SeedFile[] {
  const ct = ctElements(16, 16);
  const pixels = ramp16(256, 16);
  return [
    { name: 'ct-explicit-le', bytes: encodeDicom({ elements: ct, pixelData: pixels }) },
    {
      name: 'ct-implicit-le',
      bytes: encodeDicom({ elements: ct, pixelData: pixels, transferSyntax: 'implicit-le' }),
    },
    {
      name: 'ct-explicit-be',
      bytes: encodeDicom({ elements: ct, pixelData: pixels, transferSyntax: 'explicit-be' }),
    },
    {
      name: 'ct-deflated',
      bytes: encodeDicom({ elements: ct, pixelData: pixels, transferSyntax: 'deflated' }),
    },
    { name: 'ct-rle', bytes: encodeDicom({ elements: ct, pixelData: pixels, transferSyntax: 'rle' }) },
    {
      name: 'signed-mr',
      bytes: encodeDicom({
        elements: imageElements({ rows: 8, columns: 8, signed: true, modality: 'MR' }),
        pixelData: Int16Array.from({ length: 64 }, (_, i) => i * 50 - 1600),
      }),
    },
    {
      name: 'rgb-planar',
      bytes: encodeDicom({
        elements: imageElements({
          rows: 8,
          columns: 8,
          bitsAllocated: 8,
          samples: 3,
          planar: 1,
          photometric: 'RGB',
        }),
        pixelData: ramp8(192),
      }),
    },
    {
      name: 'rgb-rle',
      bytes: encodeDicom({
        elements: imageElements({ rows: 8, columns: 8, bitsAllocated: 8, samples: 3, photometric: 'RGB' }),
        pixelData: ramp8(192),
        transferSyntax: 'rle',
      }),
    },
    { name: 'palette', bytes: encodeDicom({ elements: paletteElements(), pixelData: ramp8(64) }) },
    {
      name: 'multiframe-mono1',
      bytes: encodeDicom({
        elements: imageElements({
          rows: 8,
          columns: 8,
          bitsAllocated: 8,
          frames: 3,
          photometric: 'MONOCHROME1',
        }),
        pixelData: ramp8(192),
      }),
    },
  ];
}
