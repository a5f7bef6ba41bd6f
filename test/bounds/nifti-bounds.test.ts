import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../actions/lib/errors.js';
import { renderNifti } from '../../actions/lib/render/nifti/render-nifti.js';
import { disposeMeasuredCli, ONE_GB, runMeasuredCli } from './measured-cli.js';

/** A NIfTI-1 header (348 bytes + 4 extension bytes), little-endian, identity sform. */
function nifti1Header(dims: [number, number, number], datatype: number, bitpix: number, voxOffset: number) {
  const b = Buffer.alloc(352);
  b.writeInt32LE(348, 0);
  b.writeInt16LE(3, 40);
  for (const [i, d] of dims.entries()) b.writeInt16LE(d, 42 + 2 * i);
  b.writeInt16LE(datatype, 70);
  b.writeInt16LE(bitpix, 72);
  for (let i = 0; i < 4; i++) b.writeFloatLE(1, 76 + 4 * i);
  b.writeFloatLE(voxOffset, 108);
  b.writeInt16LE(1, 254); // sform_code
  b.writeFloatLE(1, 280);
  b.writeFloatLE(1, 296 + 4);
  b.writeFloatLE(1, 312 + 8);
  b.write('n+1\0', 344, 'latin1');
  return b;
}

let dir: string;
/** ~64 KB of gzip that inflates to 64 MiB of zeros; members concatenate into one stream. */
let zeros64MiB: Uint8Array;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cm-bounds-nifti-'));
  zeros64MiB = gzipSync(Buffer.alloc(64 << 20), { level: 9 });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await disposeMeasuredCli();
});

/** A .nii.gz: the header, then `members` gzip members of 64 MiB of zeros each (a decompression bomb). */
async function bomb(name: string, voxOffset: number, members: number): Promise<string> {
  const file = path.join(dir, name);
  const parts: Uint8Array[] = [gzipSync(nifti1Header([4, 4, 4], 2, 8, voxOffset))];
  for (let i = 0; i < members; i++) parts.push(zeros64MiB);
  await writeFile(file, Buffer.concat(parts));
  return file;
}

describe('NIfTI sizes are checked before anything is allocated or inflated', () => {
  it('a 4 MB .nii.gz whose vox_offset is 3.5e9 fails at once, naming the file, under 1 GB', async () => {
    // 60 members: ~4 MB on disk, ~4 GB inflated.
    const file = await bomb('offset.nii.gz', 3.5e9, 60);
    const out = path.join(dir, 'offset.png');
    const run = await runMeasuredCli(['render', 'nifti', file, '-o', out], dir);
    expect(run.status).toBe(1);
    expect(`${run.stdout}${run.stderr}`).toMatch(
      /offset\.nii\.gz: vox_offset 3500000000 is past the 268435456 bytes/,
    );
    expect(run.maxRssBytes).toBeLessThan(ONE_GB);
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it('bytes skipped up to vox_offset are inflated and dropped, never held', async () => {
    // vox_offset 200 MiB, under the limit: the skipped zeros would be 200 MB if they were kept.
    const file = await bomb('skip.nii.gz', 200 * 1024 * 1024, 4);
    const out = path.join(dir, 'skip.png');
    const run = await runMeasuredCli(['render', 'nifti', file, '-o', out], dir);
    expect(run.status, run.stderr).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(run.maxRssBytes).toBeLessThan(200 * 1024 * 1024);
  }, 60_000);

  it('dims and datatype asking for more than a small .nii.gz can inflate to fail before allocating', async () => {
    // 2000×2000×100 int16: a middle axial slice needs ~400 MB; 1 KB of gzip inflates to ~1 MB at most.
    const file = path.join(dir, 'dims.nii.gz');
    await writeFile(file, gzipSync(nifti1Header([2000, 2000, 100], 4, 16, 352)));
    const error = await renderNifti(file, { axis: 'axial', slice: 'middle' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).code).toBe('nifti/truncated');
    expect((error as InputError).message).toMatch(
      /dims\.nii\.gz: vox_offset and the voxel data need 408000352 bytes; the file decompresses to at most \d+/,
    );
  });

  it('an uncompressed .nii shorter than its dims say fails with the size it holds', async () => {
    const file = path.join(dir, 'short.nii');
    await writeFile(file, Buffer.concat([nifti1Header([64, 64, 64], 16, 32, 352), Buffer.alloc(1000)]));
    const error = await renderNifti(file, { axis: 'sagittal', slice: 'middle' }).catch((e: unknown) => e);
    expect((error as InputError).code).toBe('nifti/truncated');
    expect((error as InputError).message).toBe(
      `${file}: vox_offset and the voxel data need ${352 + 64 ** 3 * 4} bytes; the file holds 1352`,
    );
  });

  it('a volume needing more voxel bytes than a render may hold is refused by its header', async () => {
    const file = path.join(dir, 'huge.nii');
    await writeFile(file, nifti1Header([1000, 1000, 110], 64, 64, 352));
    const error = await renderNifti(file, { axis: 'sagittal', slice: 'middle' }).catch((e: unknown) => e);
    expect((error as InputError).code).toBe('nifti/too-large');
    expect((error as InputError).message).toMatch(/^.*huge\.nii: rendering needs 880000000 bytes/);
  });
});

describe('a segmentation linked out of the data root', () => {
  it('is refused before it is read, naming the source', async () => {
    const root = path.join(dir, 'root');
    const outside = path.join(dir, 'outside');
    await mkdir(path.join(root, 'ds'), { recursive: true });
    await mkdir(outside, { recursive: true });
    const voxels = Buffer.alloc(4 * 4 * 4, 1);
    const volume = Buffer.concat([nifti1Header([4, 4, 4], 2, 8, 352), voxels]);
    await writeFile(path.join(root, 'ds/image.nii'), volume);
    await writeFile(path.join(outside, 'seg.nii'), volume);
    await symlink(path.join(outside, 'seg.nii'), path.join(root, 'ds/seg.nii'));
    const source = path.join(root, 'ds/image.nii');
    const error = await renderNifti(
      source,
      { axis: 'axial', slice: 'largest-segmentation', segmentation: 'seg.nii' },
      { dataRoot: root },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).code).toBe('nifti/segmentation-escape');
    expect((error as InputError).message).toBe(
      `${source}: segmentation "seg.nii" resolves outside the dataset root`,
    );
    // The same segmentation as a real file inside the root is read.
    await rm(path.join(root, 'ds/seg.nii'));
    await writeFile(path.join(root, 'ds/seg.nii'), volume);
    const image = await renderNifti(
      source,
      { axis: 'axial', slice: 'largest-segmentation', segmentation: 'seg.nii' },
      { dataRoot: root },
    );
    expect(image.resolved.segmentation_voxels).toBe(16);
  });
});
