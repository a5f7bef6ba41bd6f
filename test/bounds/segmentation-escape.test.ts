import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Renderer } from '../../actions/lib/regenerate/renderer.js';
import { renderSource } from '../../actions/lib/render/render-source.js';
import { encodeRendered } from '../../actions/lib/render/rendered-png.js';
import { editJson } from '../helpers/repository-copy.js';
import { makeWorkspace, regenerateIn, sourcePath, type Workspace } from '../regenerate/workspace.js';

/** A 4×4×4 uint8 NIfTI-1 volume, every voxel `value`, identity sform. */
function nifti(value: number): Buffer {
  const b = Buffer.alloc(352 + 64, value);
  b.fill(0, 0, 352);
  b.writeInt32LE(348, 0);
  b.writeInt16LE(3, 40);
  for (let i = 0; i < 3; i++) b.writeInt16LE(4, 42 + 2 * i);
  b.writeInt16LE(2, 70);
  b.writeInt16LE(8, 72);
  for (let i = 0; i < 4; i++) b.writeFloatLE(1, 76 + 4 * i);
  b.writeFloatLE(352, 108);
  b.writeInt16LE(1, 254);
  b.writeFloatLE(1, 280);
  b.writeFloatLE(1, 300);
  b.writeFloatLE(1, 320);
  b.write('n+1\0', 344, 'latin1');
  return b;
}

/** The real renderers in this process (no worker threads), PNG-encoded. */
const inProcessRenderer: Renderer = {
  async render(file, recipe, context) {
    return encodeRendered(await renderSource(file, recipe, { dataRoot: context.dataRoot }));
  },
  tools: async () => ({ test: '1' }),
};

let ws: Workspace | undefined;
afterEach(() => ws?.cleanup());

describe('regenerate: a segmentation linked out of the data root', () => {
  it('is never hashed, and its item fails naming the reason; the same file inside renders', async () => {
    ws = makeWorkspace({ files: 0 });
    await editJson(ws.repo, `manifests/selections/${ws.dataset}-all.json`, (s) => {
      s.include = ['images/**/*.nii'];
      s.recipe = { kind: 'nifti', axis: 'axial', slice: 'largest-segmentation', segmentation: 'seg.nii' };
    });
    mkdirSync(path.dirname(sourcePath(ws, 'images/a/image.nii')), { recursive: true });
    writeFileSync(sourcePath(ws, 'images/a/image.nii'), nifti(7));
    // The label volume sits outside the data root, reached through a link beside the image.
    const outside = path.join(ws.root, 'elsewhere');
    mkdirSync(outside);
    writeFileSync(path.join(outside, 'seg.nii.gz'), nifti(1));
    symlinkSync(path.join(outside, 'seg.nii.gz'), sourcePath(ws, 'images/a/seg.nii'));

    const result = await regenerateIn(ws, { renderer: inProcessRenderer });
    expect(result.failures).toEqual([
      {
        dataset: ws.dataset,
        output: `bulk/${ws.dataset}/images/a/image.nii.png`,
        source: 'images/a/image.nii',
        reason: expect.stringMatching(/segmentation "seg\.nii" resolves outside the dataset root/),
      },
    ]);
    // The link was never read: the sources' cache (keyed by dataset/path) has no hash for it.
    const cached = readdirSync(ws.cache, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => readFileSync(path.join(e.parentPath, e.name), 'latin1'))
      .join('\n');
    expect(cached).toContain('images/a/image.nii');
    expect(cached).not.toContain('images/a/seg.nii');

    // Replaced by a real file inside the data root, the item renders.
    rmSync(sourcePath(ws, 'images/a/seg.nii'));
    writeFileSync(sourcePath(ws, 'images/a/seg.nii'), nifti(1));
    const again = await regenerateIn(ws, { renderer: inProcessRenderer });
    expect(again.failures).toEqual([]);
    // The label volume, now a plain .nii inside the root, is an item of the selection too.
    expect(again.counts[ws.dataset]).toMatchObject({ added: 2, failed: 0 });
  });
});
