/**
 * NIfTI files the renderer cannot represent faithfully are refused with an error naming the file,
 * never drawn: CIFTI and other intents that are not images, a cut .nii.gz in every plane, and a
 * vox_offset gigabytes past a small file. Files are made by nibabel (Debian's python3-nibabel).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../actions/lib/errors.js';
import { renderNifti } from '../../actions/lib/render/nifti/render-nifti.js';
import { PYTHON, runReference } from './fixtures/python-reference.js';

const dir = mkdtempSync(join(tmpdir(), 'nifti-refusals-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const identity = [
  [1, 0, 0, 0],
  [0, 1, 0, 0],
  [0, 0, 1, 0],
  [0, 0, 0, 1],
];

function write(name: string, spec: Record<string, unknown>): string {
  const path = join(dir, name);
  runReference('nifti_reference.py', [
    'write',
    JSON.stringify({ affine: identity, dtype: 'int16', ...spec, path }),
  ]);
  return path;
}

/** The reason an InputError of `code` gives for `file`, or a failure when it renders. */
async function refusal(file: string, request: Parameters<typeof renderNifti>[1]): Promise<InputError> {
  const error = await renderNifti(file, request).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `${file} must be refused`).toBeInstanceOf(InputError);
  expect((error as InputError).message).toContain(file);
  return error as InputError;
}

const planes = ['axial', 'coronal', 'sagittal'] as const;

describe('CIFTI and intents that are not images', () => {
  const cifti = (name: string, kind: 'dconn' | 'dscalar') => {
    const path = join(dir, name);
    const script = `
import sys, numpy as np
from nibabel import cifti2 as ci
bm = ci.BrainModelAxis.from_mask(np.ones((3, 3, 3), bool), affine=np.eye(4))
axes = (bm, bm) if sys.argv[2] == 'dconn' else (ci.ScalarAxis(['thickness', 'myelin']), bm)
ci.Cifti2Image(np.ones((len(axes[0]), len(bm)), np.float32), header=axes).to_filename(sys.argv[1])
`;
    execFileSync(PYTHON, ['-c', script, path, kind]);
    return path;
  };

  it.each([
    ['a .dconn.nii', () => cifti('brain.dconn.nii', 'dconn'), 'CIFTI (intent 30'],
    ['a .dscalar.nii', () => cifti('brain.dscalar.nii', 'dscalar'), 'CIFTI (intent 30'],
    ['a point set', () => write('points.nii', { shape: [5, 1, 1, 1, 3], intent: 1008 }), 'intent 1008'],
    [
      'a vector field',
      () => write('vectors.nii.gz', { shape: [4, 4, 4, 1, 3], intent: 1007 }),
      'intent 1007',
    ],
    ['an FSL warp field', () => write('warp.nii.gz', { shape: [4, 4, 4, 3], intent: 2006 }), 'intent 2006'],
  ])('refuses %s, not a 1×1 black image', async (_name, make, what) => {
    const file = make();
    for (const axis of planes) {
      const error = await refusal(file, { axis, slice: 'middle' });
      expect(error.code).toBe('nifti/not-an-image');
      expect(error.message).toContain(what);
      expect(error.message).toContain('is not an image on a voxel grid');
    }
  });

  it('still renders statistic, label and time-series intents', async () => {
    for (const intent of [5, 1002, 2001]) {
      const file = write(`intent-${intent}.nii`, { shape: [6, 5, 4], intent });
      const image = await renderNifti(file, { axis: 'axial', slice: 'middle' });
      expect([image.width, image.height]).toEqual([6, 5]);
    }
  });
});

describe('a cut .nii.gz', () => {
  const intact = () => write('long.nii.gz', { shape: [48, 40, 120], seed: 3 });

  it('is refused in every plane and at the first slice, not drawn from its intact start', async () => {
    const bytes = readFileSync(intact());
    for (const fraction of [0.5, 0.9, 0.999]) {
      const cut = join(dir, `cut-${fraction}.nii.gz`);
      writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * fraction)));
      for (const axis of planes) {
        for (const slice of [0, 'middle'] as const) {
          const error = await refusal(cut, { axis, slice });
          expect(['nifti/truncated', 'nifti/bad-gzip']).toContain(error.code);
        }
      }
    }
  });

  it('is refused when the stream is whole but shorter than the header declares', async () => {
    const raw = gunzipSync(readFileSync(intact()));
    const short = join(dir, 'short.nii.gz');
    writeFileSync(short, gzipSync(raw.subarray(0, raw.length - 48 * 40)));
    for (const axis of planes) {
      expect((await refusal(short, { axis, slice: 0 })).code).toBe('nifti/truncated');
    }
    const plain = join(dir, 'short.nii');
    writeFileSync(plain, raw.subarray(0, raw.length - 1));
    expect((await refusal(plain, { axis: 'axial', slice: 0 })).code).toBe('nifti/truncated');
  });

  it('renders an intact file written as two gzip members, like the single-member one', async () => {
    const file = intact();
    const raw = gunzipSync(readFileSync(file));
    const two = join(dir, 'two-members.nii.gz');
    const half = Math.floor(raw.length / 2);
    writeFileSync(two, Buffer.concat([gzipSync(raw.subarray(0, half)), gzipSync(raw.subarray(half))]));
    for (const axis of planes) {
      const a = await renderNifti(file, { axis, slice: 'middle' });
      const b = await renderNifti(two, { axis, slice: 'middle' });
      expect(Array.from(b.data)).toEqual(Array.from(a.data));
    }
  });
});

it('refuses a 4 MB .nii.gz whose vox_offset points 3.5 GB away, before inflating it', async () => {
  const raw = gunzipSync(
    readFileSync(write('far.nii.gz', { shape: [256, 256, 32], seed: 5, dtype: 'float32' })),
  );
  const header = Buffer.from(raw);
  header.writeFloatLE(3.5e9, 108); // vox_offset of NIfTI-1
  const far = join(dir, 'far-offset.nii.gz');
  writeFileSync(far, gzipSync(header, { level: 1 }));
  expect(readFileSync(far).length).toBeGreaterThan(3_000_000);
  for (const axis of planes) {
    const error = await refusal(far, { axis, slice: 'middle' });
    expect(error.code).toBe('nifti/bad-header');
    expect(error.message).toContain('vox_offset 3500000000 is past the');
  }
});
