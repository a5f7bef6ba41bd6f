/**
 * Every render kind refuses what it cannot represent faithfully, with an InputError naming the file,
 * instead of writing something: cut compressed streams, sample layouts an 8-bit grey or RGB image
 * cannot show, zero-sized and absurd dimensions. Every file is made here by code (sharp, ffmpeg,
 * h5py, nibabel, our DICOM writer and a minimal TIFF writer).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../actions/lib/errors.js';
import { renderSource } from '../../actions/lib/render/render-source.js';
import type { RecipeInput } from '../../actions/lib/schema/recipe.js';
import { Recipe } from '../../actions/lib/schema/recipe.js';
import { writeDicom } from '../../actions/lib/synth/dicom/write-dicom.js';
import { imageElements } from '../dicom/synthetic-dicom.js';
import { makeIndexVideo } from './fixtures/make-video.js';
import { PYTHON, runReference } from './fixtures/python-reference.js';
import { type TiffSpec, writeTiff } from './fixtures/write-tiff.js';

const dir = mkdtempSync(join(tmpdir(), 'refuse-unfaithful-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = (name: string) => join(dir, name);

/** A smooth 8-bit picture, so every encoder has real content to compress. */
function picture(width: number, height: number, channels: number): Buffer {
  return Buffer.from(
    Array.from({ length: width * height * channels }, (_, i) => {
      const p = Math.floor(i / channels);
      return Math.round(127 + 100 * Math.sin((p % width) / 9 + (i % channels)) * Math.cos(p / width / 7));
    }),
  );
}

async function encoded(name: string, format: 'png' | 'jpeg' | 'tiff'): Promise<string> {
  const file = at(name);
  await sharp(picture(320, 240, 3), { raw: { width: 320, height: 240, channels: 3 } })
    .toFormat(format, format === 'tiff' ? { compression: 'deflate' } : {})
    .toFile(file);
  return file;
}

/** A copy of `file` holding only its first `fraction` of bytes. */
function cut(file: string, fraction: number): string {
  const bytes = readFileSync(file);
  const out = file.replace(/(\.[a-z0-9.]+)$/i, `-cut${Math.round(fraction * 100)}$1`);
  writeFileSync(out, bytes.subarray(0, Math.floor(bytes.length * fraction)));
  return out;
}

/** A tiled pyramid TIFF, as whole-slide scanners write. */
async function slide(name: string): Promise<string> {
  const file = at(name);
  await sharp(picture(1024, 768, 3), { raw: { width: 1024, height: 768, channels: 3 } })
    .tiff({ tile: true, tileWidth: 256, tileHeight: 256, pyramid: true, compression: 'jpeg' })
    .toFile(file);
  return file;
}

function tiff(name: string, spec: Omit<TiffSpec, 'width' | 'height' | 'samples'>): string {
  const width = 16;
  const height = 12;
  const n = width * height * spec.channels;
  const samples = Array.from({ length: n }, (_, i) =>
    spec.format === 'float'
      ? (i % 97) / 97
      : spec.bits === 8 || spec.format === 'int'
        ? (i * 7) % 120
        : 20000 + ((i * 977) % 40000),
  );
  return writeTiff(at(name), { ...spec, width, height, samples });
}

function hdf5(name: string, chunked: boolean): string {
  const file = at(name);
  const script = `
import sys, h5py, numpy as np
data = (np.arange(8 * 96 * 96) * 37 % 251).astype(np.uint8).reshape(8, 96, 96)
with h5py.File(sys.argv[1], 'w') as f:
    f.create_dataset('image', data=data, **({'chunks': (1, 96, 96), 'compression': 'gzip'} if sys.argv[2] == '1' else {}))
`;
  execFileSync(PYTHON, ['-c', script, file, chunked ? '1' : '0']);
  return file;
}

function video(name: string, container: 'mp4' | 'avi'): string {
  const file = at(name);
  makeIndexVideo(file, 40, container);
  return file;
}

async function dicom(name: string): Promise<string> {
  const file = at(name);
  await writeDicom(file, {
    elements: imageElements({ rows: 64, columns: 64, bitsStored: 12 }),
    pixelData: Uint16Array.from({ length: 64 * 64 }, (_, i) => (i * 13) % 4096),
  });
  return file;
}

/** A DICOM compressed by GDCM (Debian's python3-gdcm) with `syntax`, a gdcm.TransferSyntax name. */
async function compressed(name: string, syntax: string): Promise<string> {
  const source = at(`plain-${name}`);
  await writeDicom(source, {
    elements: imageElements({ rows: 64, columns: 64, bitsAllocated: 8, modality: 'OT' }),
    pixelData: Uint8Array.from(picture(64, 64, 1)),
  });
  const file = at(name);
  execFileSync(PYTHON, [
    join(import.meta.dirname, '..', 'reference', 'dicom_compress.py'),
    source,
    file,
    syntax,
  ]);
  return file;
}

function nifti(name: string): string {
  const file = at(name);
  const affine = [
    [1, 0, 0, 0],
    [0, 1, 0, 0],
    [0, 0, 1, 0],
    [0, 0, 0, 1],
  ];
  runReference('nifti_reference.py', [
    'write',
    JSON.stringify({ path: file, shape: [32, 32, 40], dtype: 'int16', affine }),
  ]);
  return file;
}

/** A PNG whose IHDR declares `width`×`height` (CRC fixed), with the rest of a real 8×8 PNG. */
async function pngDeclaring(name: string, width: number, height: number): Promise<string> {
  const png = Buffer.from(
    await sharp(picture(8, 8, 1), { raw: { width: 8, height: 8, channels: 1 } })
      .png()
      .toBuffer(),
  );
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  const { crc32 } = await import('node:zlib');
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  const file = at(name);
  writeFileSync(file, png);
  return file;
}

type Case = [name: string, make: () => string | Promise<string>, recipe: RecipeInput];

const refused: Case[] = [
  // Cut compressed streams.
  ['a cut PNG', async () => cut(await encoded('a.png', 'png'), 0.6), { kind: 'image' }],
  ['a cut JPEG', async () => cut(await encoded('a.jpg', 'jpeg'), 0.6), { kind: 'image' }],
  ['a cut deflate TIFF', async () => cut(await encoded('a.tif', 'tiff'), 0.6), { kind: 'image' }],
  ['a JPEG missing its last 5%', async () => cut(await encoded('b.jpg', 'jpeg'), 0.95), { kind: 'image' }],
  ['a PNG missing its last 5%', async () => cut(await encoded('b.png', 'png'), 0.95), { kind: 'image' }],
  ['a TIFF missing its last 5%', async () => cut(await encoded('b.tif', 'tiff'), 0.95), { kind: 'image' }],
  ['a cut pyramid TIFF slide', async () => cut(await slide('s.tif'), 0.7), { kind: 'wsi', thumbnail: 64 }],
  ['a cut MP4', () => cut(video('a.mp4', 'mp4'), 0.6), { kind: 'video', frame: 'middle' }],
  ['a cut AVI', () => cut(video('a.avi', 'avi'), 0.6), { kind: 'video', frame: 'middle' }],
  [
    'a cut contiguous HDF5',
    () => cut(hdf5('a.h5', false), 0.6),
    { kind: 'hdf5', dataset: 'image', index: 7 },
  ],
  ['a cut chunked HDF5', () => cut(hdf5('b.h5', true), 0.6), { kind: 'hdf5', dataset: 'image', index: 7 }],
  ['a cut DICOM', async () => cut(await dicom('a.dcm'), 0.6), { kind: 'dicom' }],
  ['a cut RLE DICOM', async () => cut(await compressed('r.dcm', 'RLELossless'), 0.9), { kind: 'dicom' }],
  [
    'a cut JPEG-baseline DICOM',
    async () => cut(await compressed('j.dcm', 'JPEGBaselineProcess1'), 0.9),
    { kind: 'dicom' },
  ],
  [
    'a cut JPEG 2000 DICOM',
    async () => cut(await compressed('k.dcm', 'JPEG2000Lossless'), 0.9),
    { kind: 'dicom' },
  ],
  ['a cut .nii (axial)', () => cut(nifti('a.nii'), 0.6), { kind: 'nifti', axis: 'axial', slice: 0 }],
  ['a cut .nii (sagittal)', () => cut(nifti('b.nii'), 0.6), { kind: 'nifti', axis: 'sagittal', slice: 0 }],
  ['a cut .nii.gz (axial)', () => cut(nifti('a.nii.gz'), 0.8), { kind: 'nifti', axis: 'axial', slice: 0 }],
  [
    'a cut .nii.gz (coronal)',
    () => cut(nifti('b.nii.gz'), 0.8),
    { kind: 'nifti', axis: 'coronal', slice: 0 },
  ],
  // Sample layouts an 8-bit grey or RGB image cannot show.
  [
    'a 16-bit 5-channel TIFF',
    () => tiff('c5.tif', { channels: 5, bits: 16, format: 'uint', photometric: 2 }),
    { kind: 'image' },
  ],
  [
    'a 16-bit grey TIFF with 4 extra channels',
    () => tiff('g5.tif', { channels: 5, bits: 16, format: 'uint', photometric: 1 }),
    { kind: 'image' },
  ],
  [
    'an 8-bit 5-channel TIFF',
    () => tiff('c5b.tif', { channels: 5, bits: 8, format: 'uint', photometric: 2 }),
    { kind: 'image' },
  ],
  [
    'a 16-bit grey TIFF with 2 extra channels',
    () => tiff('g3.tif', { channels: 3, bits: 16, format: 'uint', photometric: 1 }),
    { kind: 'image' },
  ],
  [
    'a float grey TIFF',
    () => tiff('f1.tif', { channels: 1, bits: 32, format: 'float', photometric: 1 }),
    { kind: 'image' },
  ],
  [
    'a float RGB TIFF',
    () => tiff('f3.tif', { channels: 3, bits: 32, format: 'float', photometric: 2 }),
    { kind: 'image' },
  ],
  [
    'a signed 16-bit TIFF',
    () => tiff('s16.tif', { channels: 1, bits: 16, format: 'int', photometric: 1 }),
    { kind: 'image' },
  ],
  [
    'a 32-bit unsigned TIFF',
    () => tiff('u32.tif', { channels: 1, bits: 32, format: 'uint', photometric: 1 }),
    { kind: 'image' },
  ],
  [
    'a signed 8-bit TIFF',
    () => tiff('s8.tif', { channels: 1, bits: 8, format: 'int', photometric: 1 }),
    { kind: 'image' },
  ],
  // Zero-sized and absurd dimensions.
  ['a PNG declaring 0×8', () => pngDeclaring('zero.png', 0, 8), { kind: 'image' }],
  ['a PNG declaring 100000×100000', () => pngDeclaring('huge.png', 100_000, 100_000), { kind: 'image' }],
  [
    'an HDF5 stack of 0×96×96',
    () => {
      const file = at('empty.h5');
      const script =
        "import sys, h5py\nwith h5py.File(sys.argv[1], 'w') as f: f.create_dataset('image', shape=(0, 96, 96), dtype='u1')";
      execFileSync(PYTHON, ['-c', script, file]);
      return file;
    },
    { kind: 'hdf5', dataset: 'image', index: 0 },
  ],
  [
    'an HDF5 frame of 96×0',
    () => {
      const file = at('flat.h5');
      const script =
        "import sys, h5py\nwith h5py.File(sys.argv[1], 'w') as f: f.create_dataset('image', shape=(4, 96, 0), dtype='u1')";
      execFileSync(PYTHON, ['-c', script, file]);
      return file;
    },
    { kind: 'hdf5', dataset: 'image', index: 1 },
  ],
  [
    'a NIfTI declaring 0 slices',
    () => {
      const file = nifti('zero.nii');
      const bytes = readFileSync(file);
      bytes.writeInt16LE(0, 46); // dim[3]
      writeFileSync(file, bytes);
      return file;
    },
    { kind: 'nifti', axis: 'coronal' },
  ],
  [
    'a DICOM with 0 rows',
    async () => {
      const file = at('zero-rows.dcm');
      await writeDicom(file, {
        elements: imageElements({ rows: 0, columns: 64, bitsStored: 12 }),
        pixelData: new Uint16Array(0),
      });
      return file;
    },
    { kind: 'dicom' },
  ],
];

describe('refuses what it cannot represent faithfully', () => {
  it.each(refused)('%s', async (_name, make, recipe) => {
    const file = await make();
    const error = await renderSource(file, Recipe.parse(recipe)).then(
      (image) => new Error(`rendered a ${image.width}×${image.height}×${image.channels} image`),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toContain(file);
  });
});

describe('still renders what it can show', () => {
  it.each([
    ['a 16-bit RGB TIFF', { channels: 3, bits: 16, format: 'uint', photometric: 2 }, 3],
    ['a 16-bit RGBA TIFF', { channels: 4, bits: 16, format: 'uint', photometric: 2 }, 3],
    ['a 16-bit grey TIFF', { channels: 1, bits: 16, format: 'uint', photometric: 1 }, 1],
    ['a 16-bit grey + alpha TIFF', { channels: 2, bits: 16, format: 'uint', photometric: 1 }, 1],
    ['an 8-bit RGBA TIFF', { channels: 4, bits: 8, format: 'uint', photometric: 2 }, 3],
  ] as const)('%s', async (name, spec, channels) => {
    const file = tiff(`${name.replace(/\W+/g, '-')}.tif`, spec);
    const image = await renderSource(file, Recipe.parse({ kind: 'image' }));
    expect([image.width, image.height, image.channels]).toEqual([16, 12, channels]);
  });
});
