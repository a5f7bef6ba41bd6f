import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../actions/lib/errors.js';
import { renderNifti } from '../../actions/lib/render/nifti/render-nifti.js';
import { runReference } from './fixtures/python-reference.js';

const dir = mkdtempSync(join(tmpdir(), 'render-nifti-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Spec {
  name: string;
  shape: number[];
  dtype: string;
  affine: number[][];
  version?: 1 | 2;
  slope?: number;
  inter?: number;
  qform_only?: boolean;
  labels?: number[][];
}

function write(spec: Spec): string {
  const path = join(dir, spec.name);
  runReference('nifti_reference.py', ['write', JSON.stringify({ ...spec, path, seed: spec.shape.length })]);
  return path;
}

interface Reference {
  width: number;
  height: number;
  slice: number;
  pixels: number[];
}

/** nibabel's renderings of [file, axis, slice, window] requests, in one Python run. */
function references(requests: [string, string, string, [number, number] | null][]): Reference[] {
  return JSON.parse(runReference('nifti_reference.py', ['render', JSON.stringify(requests)])) as Reference[];
}

function reference(path: string, axis: string, slice: string, window?: [number, number]): Reference {
  return references([[path, axis, slice, window ?? null]])[0]!;
}

const c = Math.cos(0.3);
const s = Math.sin(0.3);
const volumes: Spec[] = [
  // LPS-stored int16 CT-like volume with rescaling, gzip.
  {
    name: 'lps.nii.gz',
    shape: [9, 7, 6],
    dtype: 'int16',
    affine: [
      [-0.8, 0, 0, 10],
      [0, -0.8, 0, 20],
      [0, 0, 2.5, -30],
      [0, 0, 0, 1],
    ],
    slope: 2,
    inter: -1024,
  },
  // Oblique float32 known by its qform only, stored with axes permuted (i → z, j → x, k → y).
  {
    name: 'oblique.nii',
    shape: [5, 8, 6],
    dtype: 'float32',
    affine: [
      [0, c, -s, 0],
      [0, s, c, 0],
      [-1.5, 0, 0, 0],
      [0, 0, 0, 1],
    ],
    qform_only: true,
  },
  // NIfTI-2, uint8, RAS.
  {
    name: 'ras2.nii',
    shape: [6, 5, 4],
    dtype: 'uint8',
    affine: [
      [1, 0, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 1],
    ],
    version: 2,
  },
  // 4D float64: the first volume is shown.
  {
    name: 'series.nii.gz',
    shape: [4, 5, 6, 3],
    dtype: 'float64',
    affine: [
      [0, 0, 2, 0],
      [-2, 0, 0, 0],
      [0, 2, 0, 0],
      [0, 0, 0, 1],
    ],
  },
  // uint16 and int32, LAS.
  {
    name: 'las16.nii',
    shape: [7, 6, 5],
    dtype: 'uint16',
    affine: [
      [-1, 0, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 1],
    ],
  },
  {
    name: 'int32.nii.gz',
    shape: [5, 6, 7],
    dtype: 'int32',
    affine: [
      [1, 0, 0, 0],
      [0, 0, 1, 0],
      [0, -1, 0, 0],
      [0, 0, 0, 1],
    ],
  },
];

describe('renderNifti against nibabel', () => {
  for (const spec of volumes) {
    it(`${spec.name}: every plane, middle and an index, as nibabel's canonical view`, async () => {
      const path = write(spec);
      const cases = (['axial', 'coronal', 'sagittal'] as const).flatMap((axis) =>
        (['middle', 1] as const).map((slice) => ({ axis, slice })),
      );
      const expectations = references(cases.map(({ axis, slice }) => [path, axis, String(slice), null]));
      for (const [n, { axis, slice }] of cases.entries()) {
        const expected = expectations[n]!;
        const image = await renderNifti(path, { axis, slice });
        expect([image.width, image.height, image.channels]).toEqual([expected.width, expected.height, 1]);
        expect(image.resolved.slice).toBe(expected.slice);
        expect(Array.from(image.data)).toEqual(expected.pixels);
      }
    });
  }

  it('applies scl_slope/scl_inter before an explicit window', async () => {
    const path = join(dir, 'lps.nii.gz');
    const expected = reference(path, 'axial', '2', [40, 400]);
    const image = await renderNifti(path, { axis: 'axial', slice: 2, window: { center: 40, width: 400 } });
    expect(Array.from(image.data)).toEqual(expected.pixels);
    expect(image.resolved.orientation).toBe('LPS');
  });

  it('picks the slice with the most segmented voxels, in canonical order', async () => {
    const affine = [
      [-1, 0, 0, 0],
      [0, -1, 0, 0],
      [0, 0, -1, 0],
      [0, 0, 0, 1],
    ];
    write({ name: 'img.nii', shape: [6, 6, 8], dtype: 'int16', affine });
    // Voxel k = 5 holds 9 labelled voxels, k = 2 holds 4: k = 5 is canonical (flipped) slice 2.
    write({
      name: 'seg.nii.gz',
      shape: [6, 6, 8],
      dtype: 'uint8',
      affine,
      labels: [
        [0, 3, 0, 3, 5, 6],
        [0, 2, 0, 2, 2, 3],
      ],
    });
    const image = await renderNifti(join(dir, 'img.nii'), {
      axis: 'axial',
      slice: 'largest-segmentation',
      segmentation: 'seg.nii.gz',
    });
    expect(image.resolved.slice).toBe(2);
    expect(image.resolved.segmentation_voxels).toBe(9);
    expect(Array.from(image.data)).toEqual(reference(join(dir, 'img.nii'), 'axial', '2').pixels);
    await expect(
      renderNifti(join(dir, 'img.nii'), {
        axis: 'axial',
        slice: 'largest-segmentation',
        segmentation: '../escape.nii',
      }),
    ).rejects.toMatchObject({ code: 'nifti/bad-segmentation-path' });
  });

  it('refuses a segmentation on another grid', async () => {
    const affine = [
      [1, 0, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 1],
    ];
    write({ name: 'small-seg.nii', shape: [6, 6, 7], dtype: 'uint8', affine, labels: [[0, 2, 0, 2, 1, 2]] });
    await expect(
      renderNifti(join(dir, 'img.nii'), {
        axis: 'axial',
        slice: 'largest-segmentation',
        segmentation: 'small-seg.nii',
      }),
    ).rejects.toMatchObject({ code: 'nifti/segmentation-mismatch' });
  });

  it('reads a slice of a long .nii.gz like nibabel (a cut one is refused: nifti-refusals.test.ts)', async () => {
    const affine = [
      [1, 0, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 1],
    ];
    const path = write({ name: 'long.nii.gz', shape: [64, 64, 200], dtype: 'int16', affine });
    const image = await renderNifti(path, { axis: 'axial', slice: 3 });
    expect(Array.from(image.data)).toEqual(reference(path, 'axial', '3').pixels);
  });

  it('fails with typed errors naming the file', async () => {
    const path = join(dir, 'ras2.nii');
    await expect(renderNifti(path, { axis: 'axial', slice: 4 })).rejects.toMatchObject({
      code: 'nifti/slice-out-of-range',
    });
    const error = await renderNifti(join(dir, 'missing.nii'), { axis: 'axial', slice: 'middle' }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain('missing.nii');
  });
});
