import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderSource } from '../../actions/lib/render/render-source.js';
import { Recipe } from '../../actions/lib/schema/recipe.js';
import { needsTool } from '../helpers/needs-tool.js';
import { makeIndexVideo, readFrameIndex } from './fixtures/make-video.js';
import { runReference } from './fixtures/python-reference.js';

const dir = mkdtempSync(join(tmpdir(), 'render-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const CT = '/usr/lib/python3/dist-packages/pydicom/data/test_files/CT_small.dcm';
const pydicomFiles = needsTool('python3-pydicom (its test file CT_small.dcm)', existsSync(CT));

beforeAll(async () => {
  makeIndexVideo(join(dir, 'clip.avi'), 12, 'avi');
  runReference('hdf5_fixtures.py', [dir]);
  await sharp({ create: { width: 8, height: 6, channels: 3, background: '#102030' } })
    .png()
    .toFile(join(dir, 'photo.png'));
  await sharp({ create: { width: 600, height: 400, channels: 3, background: '#ffffff' } })
    .tiff({ tile: true, pyramid: true, tileWidth: 128, tileHeight: 128 })
    .toFile(join(dir, 'slide.tif'));
  const affine = [
    [1, 0, 0, 0],
    [0, 1, 0, 0],
    [0, 0, 1, 0],
    [0, 0, 0, 1],
  ];
  const spec = { path: join(dir, 'brain.nii.gz'), shape: [5, 6, 7], dtype: 'int16', affine, seed: 1 };
  runReference('nifti_reference.py', ['write', JSON.stringify(spec)]);
});

describe('renderSource dispatches on the recipe kind', () => {
  it('video, hdf5, nifti, wsi and image', async () => {
    const video = await renderSource(join(dir, 'clip.avi'), Recipe.parse({ kind: 'video' }));
    expect(readFrameIndex(video.width, video.data)).toBe(6);
    const hdf5 = await renderSource(
      join(dir, 'stack.h5'),
      Recipe.parse({ kind: 'hdf5', dataset: 'image', index: 2 }),
    );
    expect(hdf5.resolved.index).toBe(2);
    const nifti = await renderSource(
      join(dir, 'brain.nii.gz'),
      Recipe.parse({ kind: 'nifti', axis: 'coronal' }),
    );
    expect([nifti.width, nifti.height, nifti.resolved.slice]).toEqual([5, 7, 3]);
    const wsi = await renderSource(join(dir, 'slide.tif'), Recipe.parse({ kind: 'wsi', thumbnail: 100 }));
    expect([wsi.width, wsi.height]).toEqual([100, 67]);
    const image = await renderSource(join(dir, 'photo.png'), Recipe.parse({ kind: 'image' }));
    expect([image.width, image.height, image.channels]).toEqual([8, 6, 3]);
  });

  it.skipIf(pydicomFiles.skip)(
    pydicomFiles.title('dicom, through the DICOM engine loaded on first use'),
    async () => {
      const image = await renderSource(CT, Recipe.parse({ kind: 'dicom', preset: 'abdomen' }));
      expect([image.width, image.height, image.channels]).toEqual([128, 128, 1]);
    },
  );
});
