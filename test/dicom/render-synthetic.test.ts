/**
 * DICOMs written by our own writer: exact HU windows on CT, MONOCHROME1, masking and sign extension,
 * VOI functions and LUT sequences, palette colour, multi-frame, and each compared with the numpy
 * reference as well.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dicomParser from 'dicom-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { renderDicom } from '../../actions/lib/dicom/render-dicom.js';
import { InputError } from '../../actions/lib/errors.js';
import { CT_PRESETS } from '../../actions/lib/schema/recipe.js';
import {
  type DicomElement,
  type DicomWriteInput,
  writeDicom,
} from '../../actions/lib/synth/dicom/write-dicom.js';
import { maxDifference, PYDICOM_TEST_FILES, renderReference } from './pydicom-reference.js';
import { imageElements, PHI } from './synthetic-dicom.js';

const dir = mkdtempSync(join(tmpdir(), 'render-dicom-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;

async function write(input: DicomWriteInput): Promise<string> {
  const file = join(dir, `synthetic-${counter++}.dcm`);
  await writeDicom(file, input);
  return file;
}

/** Renders with ours and with the reference; they must agree within the tolerance. */
async function renderBoth(
  file: string,
  options: { frame?: number; window?: { center: number; width: number } } = {},
) {
  const ours = await renderDicom(file, options);
  const [reference] = await renderReference([
    { file, out: `${file}.${counter++}.raw`, frame: options.frame ?? 0, window: options.window ?? null },
  ]);
  if (!reference?.ok) throw new Error(`reference could not render ${file}`);
  expect(maxDifference(ours.data, reference.pixels)).toBeLessThanOrEqual(ours.channels === 3 ? 2 : 1);
  return ours;
}

/** DESIGN.md's LINEAR window onto 0..255, written out again here on purpose. */
function linear(x: number, c: number, w: number): number {
  if (x <= c - 0.5 - (w - 1) / 2) return 0;
  if (x > c - 0.5 + (w - 1) / 2) return 255;
  return Math.round(((x - (c - 0.5)) / (w - 1) + 0.5) * 255);
}

describe('CT with RescaleIntercept -1024', () => {
  const hu = [-1024, -1000, -600, -1, 0, 1, 39, 40, 41, 79, 80, 400, 1000, 2000, 3071];
  const ct = (extra: DicomElement[] = []) =>
    write({
      elements: [
        ...imageElements({ rows: 1, columns: hu.length, bitsStored: 12 }),
        { keyword: 'RescaleSlope', value: 1 },
        { keyword: 'RescaleIntercept', value: -1024 },
        ...extra,
      ],
      pixelData: Uint16Array.from(hu, (h) => h + 1024),
    });

  it.each(Object.entries(CT_PRESETS))(
    'maps Hounsfield units exactly with the %s preset',
    async (name, window) => {
      const file = await ct();
      const image = await renderDicom(file, { preset: name as keyof typeof CT_PRESETS });
      expect(Array.from(image.data)).toEqual(hu.map((h) => linear(h, window.center, window.width)));
      expect(image.resolved).toMatchObject({ frame: 0, preset: name, window, function: 'LINEAR' });
    },
  );

  it('windows HU, not raw stored values (the old recipe’s mistake)', async () => {
    const image = await renderDicom(await ct(), { preset: 'brain' });
    // HU 40 is the brain window's centre: mid-grey. Raw value 1064 would be white.
    expect(image.data[hu.indexOf(40)]).toBe(129);
    expect(image.data[hu.indexOf(0)]).toBe(0);
    expect(image.data[hu.indexOf(80)]).toBe(255);
  });

  it('uses the file’s own window, then min–max, like the reference', async () => {
    const own = await renderBoth(
      await ct([
        { keyword: 'WindowCenter', value: [40, 400] },
        { keyword: 'WindowWidth', value: [400, 2000] },
      ]),
    );
    expect(own.resolved).toMatchObject({ window: { center: 40, width: 400 }, function: 'LINEAR' });
    const minMax = await renderBoth(await ct());
    expect(minMax.resolved).toMatchObject({ window: 'min-max', min: -1024, max: 3071 });
    expect(minMax.data[0]).toBe(0);
    expect(minMax.data[hu.length - 1]).toBe(255);
  });
});

describe('stored values', () => {
  it('masks unused high bits and sign-extends PixelRepresentation 1', async () => {
    const stored = [-2048, -1000, -5, -1, 0, 1, 5, 1000, 2047];
    // 12 bits stored in 16: fill the unused top 4 bits with garbage (0xA).
    const raw = Uint16Array.from(stored, (v) => 0xa000 | (v & 0x0fff));
    const file = await write({
      elements: imageElements({ rows: 1, columns: stored.length, bitsStored: 12, signed: true }),
      pixelData: raw,
    });
    const window = { center: 0, width: 4096 };
    const image = await renderBoth(file, { window });
    expect(Array.from(image.data)).toEqual(stored.map((v) => linear(v, 0, 4096)));
  });

  it('masks unused high bits of unsigned data', async () => {
    const file = await write({
      elements: imageElements({ rows: 1, columns: 3, bitsStored: 10 }),
      pixelData: Uint16Array.from([0xfc00, 0xfc00 | 512, 0xfc00 | 1023]),
    });
    const image = await renderBoth(file);
    expect(Array.from(image.data)).toEqual([0, 128, 255]);
  });
});

describe('VOI', () => {
  const ramp = Int16Array.from({ length: 64 }, (_, i) => i * 64 - 2048);
  const file = (extra: DicomElement[], photometric = 'MONOCHROME2') =>
    write({
      elements: [...imageElements({ rows: 8, columns: 8, signed: true, photometric }), ...extra],
      pixelData: ramp,
    });

  it.each(['LINEAR', 'LINEAR_EXACT', 'SIGMOID'])('applies VOILUTFunction %s', async (fn) => {
    const image = await renderBoth(
      await file([
        { keyword: 'WindowCenter', value: 100 },
        { keyword: 'WindowWidth', value: 1500 },
        { keyword: 'VOILUTFunction', value: fn },
      ]),
    );
    expect(image.resolved).toMatchObject({ window: { center: 100, width: 1500 }, function: fn });
    if (fn === 'SIGMOID') {
      const x = ramp[10]!;
      expect(image.data[10]).toBe(Math.round(255 / (1 + Math.exp((-4 * (x - 100)) / 1500))));
    }
  });

  it('inverts MONOCHROME1 after VOI', async () => {
    const window = [
      { keyword: 'WindowCenter', value: 0 },
      { keyword: 'WindowWidth', value: 2000 },
    ] as DicomElement[];
    const mono1 = await renderBoth(await file(window, 'MONOCHROME1'));
    const mono2 = await renderDicom(await file(window));
    expect(Array.from(mono1.data)).toEqual(Array.from(mono2.data, (v) => 255 - v));
    expect(mono1.resolved).toMatchObject({ inverted: true });
  });

  it.each([
    ['SS', -1024],
    ['US', 64512], // -1024 written as US, as some writers do: signed input makes it negative
  ] as const)(
    'uses a VOI LUT Sequence (first mapped as %s), scaled from its bit depth, before a window',
    async (vr, first) => {
      const lut = Uint16Array.from({ length: 256 }, (_, i) => (i * 4095) / 255);
      const image = await renderBoth(
        await file([
          {
            keyword: 'VOILUTSequence',
            value: [
              [
                { keyword: 'LUTDescriptor', vr, value: [256, first, 12] },
                { keyword: 'LUTData', vr: 'OW', value: lut },
              ],
            ],
          },
          { keyword: 'WindowCenter', value: 0 },
          { keyword: 'WindowWidth', value: 10 },
        ]),
      );
      expect(image.resolved).toMatchObject({ window: 'voi-lut' });
      expect(image.data[0]).toBe(0); // below the LUT's first input: its first entry
      expect(image.data[63]).toBe(255); // past its end: its last entry
    },
  );

  it('uses a Modality LUT Sequence instead of rescale', async () => {
    const lut = Uint16Array.from({ length: 4096 }, (_, i) => 4095 - i);
    const image = await renderBoth(
      await file([
        {
          keyword: 'ModalityLUTSequence',
          value: [
            [
              { keyword: 'LUTDescriptor', vr: 'SS', value: [4096, -2048, 12] },
              { keyword: 'LUTData', vr: 'OW', value: lut },
            ],
          ],
        },
        { keyword: 'RescaleIntercept', value: 5000 },
      ]),
    );
    expect(image.resolved).toMatchObject({ modalityLut: true, window: 'min-max' });
    expect(image.data[0]).toBe(255); // the LUT reverses the ramp
    expect(image.data[63]).toBe(0);
  });

  it('uses an explicit window over the file’s own', async () => {
    const image = await renderBoth(
      await file([
        { keyword: 'WindowCenter', value: 0 },
        { keyword: 'WindowWidth', value: 10 },
      ]),
      { window: { center: -1000, width: 500 } },
    );
    expect(image.resolved).toMatchObject({ window: { center: -1000, width: 500 }, function: 'LINEAR' });
  });
});

describe('colour and bit depths', () => {
  const rgb = Uint8Array.from({ length: 4 * 4 * 3 }, (_, i) => (i * 37) % 256);

  it('renders RGB with planar configuration 0 and 1 alike', async () => {
    const interleaved = await renderBoth(
      await write({
        elements: imageElements({ rows: 4, columns: 4, bitsAllocated: 8, samples: 3, photometric: 'RGB' }),
        pixelData: rgb,
      }),
    );
    const planes = new Uint8Array(rgb.length);
    for (let p = 0; p < 16; p++) for (let s = 0; s < 3; s++) planes[s * 16 + p] = rgb[p * 3 + s]!;
    const planar = await renderBoth(
      await write({
        elements: imageElements({
          rows: 4,
          columns: 4,
          bitsAllocated: 8,
          samples: 3,
          photometric: 'RGB',
          planar: 1,
        }),
        pixelData: planes,
      }),
    );
    expect(interleaved.channels).toBe(3);
    expect(Array.from(interleaved.data)).toEqual(Array.from(rgb));
    expect(Array.from(planar.data)).toEqual(Array.from(rgb));
  });

  it('converts YBR_FULL to RGB', async () => {
    // Pure red in YCbCr (BT.601 full range): Y 76, Cb 85, Cr 255.
    const image = await renderBoth(
      await write({
        elements: imageElements({
          rows: 1,
          columns: 1,
          bitsAllocated: 8,
          samples: 3,
          photometric: 'YBR_FULL',
        }),
        pixelData: Uint8Array.from([76, 85, 255]),
      }),
    );
    expect(Array.from(image.data)).toEqual([254, 0, 0]);
  });

  it('scales 16-bit RGB to 8 bits', async () => {
    const image = await renderBoth(
      await write({
        elements: imageElements({ rows: 1, columns: 2, bitsAllocated: 16, samples: 3, photometric: 'RGB' }),
        pixelData: Uint16Array.from([0, 32768, 65535, 65535, 257, 0]),
      }),
    );
    expect(Array.from(image.data)).toEqual([0, 128, 255, 255, 1, 0]);
  });

  it.each([8, 16])('renders PALETTE COLOR with %i-bit LUTs', async (bits) => {
    const entries = 256;
    const top = 2 ** bits - 1;
    const table = (f: (i: number) => number) =>
      Uint16Array.from({ length: entries }, (_, i) => Math.round(f(i) * top));
    const image = await renderBoth(
      await write({
        elements: [
          ...imageElements({ rows: 2, columns: 4, bitsAllocated: 8, photometric: 'PALETTE COLOR' }),
          { keyword: 'RedPaletteColorLookupTableDescriptor', value: [entries, 0, bits] },
          { keyword: 'GreenPaletteColorLookupTableDescriptor', value: [entries, 0, bits] },
          { keyword: 'BluePaletteColorLookupTableDescriptor', value: [entries, 0, bits] },
          { keyword: 'RedPaletteColorLookupTableData', value: table((i) => i / 255) },
          { keyword: 'GreenPaletteColorLookupTableData', value: table((i) => 1 - i / 255) },
          { keyword: 'BluePaletteColorLookupTableData', value: table((i) => (i % 2 ? 1 : 0)) },
        ],
        pixelData: Uint8Array.from([0, 1, 2, 3, 100, 200, 254, 255]),
      }),
    );
    expect(image.channels).toBe(3);
    expect(Array.from(image.data.subarray(0, 6))).toEqual([0, 255, 0, 1, 254, 255]);
  });

  it('renders BitsAllocated 1 as 0/255, frames starting inside a byte', async () => {
    // Three 3×3 frames: 27 bits, so frames 1 and 2 start mid-byte.
    const bits = Array.from({ length: 27 }, (_, i) => (i * 7) % 3 === 0);
    const packed = new Uint8Array(4);
    bits.forEach((on, i) => {
      if (on) packed[i >> 3]! |= 1 << (i & 7);
    });
    const file = await write({
      elements: imageElements({ rows: 3, columns: 3, bitsAllocated: 1, frames: 3, modality: 'SEG' }),
      pixelData: packed,
    });
    for (const frame of [0, 1, 2]) {
      const image = await renderBoth(file, { frame });
      expect(Array.from(image.data)).toEqual(
        bits.slice(frame * 9, frame * 9 + 9).map((on) => (on ? 255 : 0)),
      );
    }
  });

  it('renders 32-bit unsigned data by min–max', async () => {
    await renderBoth(
      await write({
        elements: imageElements({ rows: 2, columns: 2, bitsAllocated: 32, modality: 'RTDOSE' }),
        pixelData: Uint32Array.from([0, 1_000_000, 3_000_000_000, 4_294_967_295]),
      }),
    );
  });
});

describe('multi-frame and transfer syntaxes', () => {
  const frames = 4;
  const pixels = Uint16Array.from(
    { length: frames * 16 },
    (_, i) => Math.floor(i / 16) * 1000 + (i % 16) * 10,
  );
  const elements = [
    ...imageElements({ rows: 4, columns: 4, frames }),
    { keyword: 'WindowCenter', value: 1500 },
    { keyword: 'WindowWidth', value: 4000 },
  ] as DicomElement[];

  it.each(['implicit-le', 'explicit-le', 'explicit-be', 'deflated', 'rle'] as const)(
    'renders frame N of %s exactly as explicit little endian does',
    async (syntax) => {
      const baseline = await renderDicom(await write({ elements, pixelData: pixels }), { frame: 2 });
      const file = await write({ elements, pixelData: pixels, transferSyntax: syntax });
      const image = await renderBoth(file, { frame: 2 });
      expect(image.resolved).toMatchObject({ frame: 2 });
      expect(Array.from(image.data)).toEqual(Array.from(baseline.data));
      expect(image.data[0]).toBe(linear(2000, 1500, 4000));
    },
  );

  it('refuses a frame that does not exist', async () => {
    const file = await write({ elements, pixelData: pixels });
    await expect(renderDicom(file, { frame: 4 })).rejects.toMatchObject({ code: 'dicom/frame-out-of-range' });
  });

  it('names an unsupported transfer syntax by UID and name', async () => {
    const file = await write({
      elements,
      pixelData: { frames: [new Uint8Array([0xff, 0x0a, 1, 2])] },
      transferSyntax: '1.2.840.10008.1.2.4.110',
    });
    const error = await renderDicom(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: 'dicom/unsupported-transfer-syntax' });
    expect((error as Error).message).toContain('1.2.840.10008.1.2.4.110');
    expect((error as Error).message).toContain('JPEG XL Lossless');
  });
});

describe('what the render reports', () => {
  it('reports BurnedInAnnotation and nothing from the header but numbers and keywords', async () => {
    const elements = imageElements({ rows: 2, columns: 2 });
    const declared = await renderDicom(
      await write({
        elements: [...elements, { keyword: 'BurnedInAnnotation', value: 'YES' }],
        pixelData: Uint16Array.from([1, 2, 3, 4]),
      }),
    );
    expect(declared.burnedInAnnotation).toBe('YES');
    const undeclared = await renderDicom(
      await write({ elements, pixelData: Uint16Array.from([1, 2, 3, 4]) }),
    );
    expect(undeclared.burnedInAnnotation).toBe('undeclared');
    const text = JSON.stringify(undeclared.resolved);
    for (const value of Object.values(PHI)) expect(text).not.toContain(value);
    expect(text).not.toMatch(/"[^"]*[A-Z][a-z]+\^/); // no person names
  });

  it('decodes Encapsulated Uncompressed Explicit VR Little Endian', async () => {
    const pixels = Uint16Array.from({ length: 16 }, (_, i) => i * 100);
    const elements = [
      ...imageElements({ rows: 4, columns: 4, frames: 2 }),
      { keyword: 'WindowCenter', value: 750 },
      { keyword: 'WindowWidth', value: 1500 },
    ] as DicomElement[];
    const frames = [0, 1].map((f) => new Uint8Array(Uint16Array.from(pixels, (v) => v + f * 50).buffer));
    const file = await write({ elements, pixelData: { frames }, transferSyntax: '1.2.840.10008.1.2.1.98' });
    const image = await renderDicom(file, { frame: 1 });
    expect(Array.from(image.data)).toEqual(Array.from(pixels, (v) => linear(v + 50, 750, 1500)));
  });

  it('initialises each codec once when frames are decoded concurrently', async () => {
    const file = join(PYDICOM_TEST_FILES, 'MR_small_jp2klossless.dcm');
    const images = await Promise.all(Array.from({ length: 6 }, () => renderDicom(file)));
    for (const image of images) expect(Array.from(image.data)).toEqual(Array.from(images[0]!.data));
  });
});

describe('float pixel data', () => {
  it.each([
    ['Float Pixel Data', 0x7fe00008, 'OF', 32, Float32Array],
    ['Double Float Pixel Data', 0x7fe00009, 'OD', 64, Float64Array],
  ] as const)('renders %s by min–max or an explicit window', async (_name, tag, vr, bits, View) => {
    const values = new View(16).map((_, i) => (i - 4) * 0.25);
    const elements = imageElements({ rows: 4, columns: 4, bitsAllocated: bits, modality: 'MR' }).filter(
      (e) => !('keyword' in e) || !['BitsStored', 'HighBit', 'PixelRepresentation'].includes(e.keyword),
    );
    const file = await write({ elements: [...elements, { tag, vr, value: values }] });
    const minMax = await renderBoth(file);
    expect(minMax.resolved).toMatchObject({ window: 'min-max', min: -1, max: 2.75 });
    expect(minMax.data[0]).toBe(0);
    expect(minMax.data[15]).toBe(255);
    await renderBoth(file, { window: { center: 0.5, width: 2 } });
  });
});

describe('enhanced multi-frame', () => {
  it('takes rescale and window from the frame’s functional groups', async () => {
    const transformation = (intercept: number) => ({
      tag: 0x00289145,
      vr: 'SQ' as const,
      value: [
        [
          { keyword: 'RescaleIntercept' as const, value: intercept },
          { keyword: 'RescaleSlope' as const, value: 1 },
        ],
      ],
    });
    const file = await write({
      elements: [
        ...imageElements({ rows: 1, columns: 4, frames: 2, signed: true }),
        {
          tag: 0x52009229,
          vr: 'SQ',
          value: [
            [
              {
                tag: 0x00289132,
                vr: 'SQ',
                value: [
                  [
                    { keyword: 'WindowCenter', value: 40 },
                    { keyword: 'WindowWidth', value: 400 },
                  ],
                ],
              },
            ],
          ],
        },
        { tag: 0x52009230, vr: 'SQ', value: [[transformation(-1024)], [transformation(0)]] },
      ],
      pixelData: Int16Array.from([1024, 1064, 1200, 0, 0, 40, 176, -1024]),
    });
    const first = await renderBoth(file, { frame: 0 });
    const second = await renderBoth(file, { frame: 1 });
    expect(Array.from(first.data)).toEqual([0, 40, 176, -1024].map((hu) => linear(hu, 40, 400)));
    expect(Array.from(second.data)).toEqual(Array.from(first.data));
    expect(second.resolved).toMatchObject({
      frame: 1,
      rescale: { intercept: 0 },
      window: { center: 40, width: 400 },
    });
  });
});

describe('segmented palette', () => {
  it('expands discrete, linear and indirect segments like pydicom', async () => {
    const descriptor = [256, 0, 16];
    // Red: 0 then a linear ramp to 65535 over 255 entries.
    const red = Uint16Array.from([0, 1, 0, 1, 255, 65535]);
    // Green: discrete 4 values, linear down to 0 over 100, then an indirect copy of segment 0, then linear up.
    const green = Uint16Array.from([0, 4, 65535, 60000, 50000, 40000, 1, 100, 0, 2, 1, 0, 0, 1, 148, 30000]);
    // Blue: constant.
    const blue = Uint16Array.from([0, 1, 20000, 1, 255, 20000]);
    const image = await renderBoth(
      await write({
        elements: [
          ...imageElements({
            rows: 4,
            columns: 64,
            bitsAllocated: 8,
            photometric: 'PALETTE COLOR',
            modality: 'US',
          }),
          { keyword: 'RedPaletteColorLookupTableDescriptor', value: descriptor },
          { keyword: 'GreenPaletteColorLookupTableDescriptor', value: descriptor },
          { keyword: 'BluePaletteColorLookupTableDescriptor', value: descriptor },
          { tag: 0x00281221, vr: 'OW', value: red },
          { tag: 0x00281222, vr: 'OW', value: green },
          { tag: 0x00281223, vr: 'OW', value: blue },
        ],
        pixelData: Uint8Array.from({ length: 256 }, (_, i) => i),
      }),
    );
    expect(Array.from(image.data.subarray(0, 3))).toEqual([0, 255, 78]);
    expect(Array.from(image.data.subarray(255 * 3))).toEqual([255, Math.round((30000 * 255) / 65535), 78]);
  });
});

describe('frames spanning several fragments', () => {
  /** The single frame of a pydicom test file, its pixel module and transfer syntax. */
  async function source(name: string) {
    const { readDicom } = await import('../../actions/lib/dicom/read-dicom.js');
    const file = join(PYDICOM_TEST_FILES, name);
    const { dataSet, transferSyntax } = await readDicom(file);
    const element = dataSet.elements.x7fe00010!;
    const frame = dicomParser.readEncapsulatedPixelDataFromFragments(
      dataSet,
      element,
      0,
      element.fragments!.length,
    );
    const number = (tag: string) => dataSet.uint16(tag)!;
    const photometric = dataSet.string('x00280004')!;
    const elements = imageElements({
      rows: number('x00280010'),
      columns: number('x00280011'),
      bitsAllocated: number('x00280100'),
      bitsStored: number('x00280101'),
      signed: number('x00280103') === 1,
      samples: number('x00280002'),
      photometric,
      frames: 2,
    });
    return { file, frame: new Uint8Array(frame), elements, uid: transferSyntax.uid };
  }
  /** Cuts a codestream into three fragments at even offsets (fragments are padded to even length). */
  const split = (bytes: Uint8Array) => {
    const third = Math.floor(bytes.length / 6) * 2;
    return [bytes.subarray(0, third), bytes.subarray(third, 2 * third), bytes.subarray(2 * third)];
  };

  it.each(['SC_rgb_jpeg_dcmtk.dcm', 'MR_small_jp2klossless.dcm', 'MR_small_jpeg_ls_lossless.dcm'])(
    'finds frame 1 of %s without an offset table',
    async (name) => {
      const { file, frame, elements, uid } = await source(name);
      const window = { center: 600, width: 1600 }; // the copy has no window of its own
      const expected = await renderDicom(file, { window });
      const multi = await write({
        elements,
        pixelData: { frames: [split(frame), split(frame)] },
        transferSyntax: uid,
      });
      const actual = await renderDicom(multi, { frame: 1, window });
      expect(Array.from(actual.data)).toEqual(Array.from(expected.data));
    },
  );
});
