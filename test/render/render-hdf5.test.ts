import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from 'h5wasm/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../actions/lib/errors.js';
import { renderHdf5 } from '../../actions/lib/render/hdf5/render-hdf5.js';
import { runReference } from './fixtures/python-reference.js';

const dir = mkdtempSync(join(tmpdir(), 'render-hdf5-'));
const stack = join(dir, 'stack.h5');
beforeAll(() => {
  runReference('hdf5_fixtures.py', [dir]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('renderHdf5', () => {
  it('reads frame N of a uint8 [N, H, W] stack as it is', async () => {
    const image = await renderHdf5(stack, { dataset: 'image', index: 4 });
    expect([image.width, image.height, image.channels]).toEqual([12, 10, 1]);
    expect(Array.from(image.data.slice(0, 12))).toEqual(Array.from({ length: 12 }, (_, x) => 40 + x));
    expect(image.resolved).toMatchObject({ dataset: 'image', index: 4, frames: 6 });
  });

  it('selects the frames whose per-frame key equals a value, then the middle or the Nth', async () => {
    // annot_id = 12_, 12_, 7_, 7_, 7_, 12_: the "7_" frames are 2, 3, 4.
    const middle = await renderHdf5(stack, {
      dataset: 'image',
      select: { key: 'annot_id', value: '7_', frame: 'middle' },
    });
    expect(middle.resolved).toMatchObject({ index: 3, matching_frames: 3, frame_in_selection: 1 });
    expect(middle.data[0]).toBe(30);
    const first = await renderHdf5(stack, {
      dataset: 'image',
      select: { key: 'annot_id', value: '12_', frame: 2 },
    });
    expect(first.resolved.index).toBe(5);
    const numeric = await renderHdf5(stack, {
      dataset: 'image',
      select: { key: 'numeric_id', value: 4, frame: 'middle' },
    });
    expect(numeric.resolved.index).toBe(4);
  });

  it('scales float32 and uint16 frames min–max to 8 bits', async () => {
    const f32 = await renderHdf5(stack, { dataset: 'f32', index: 1 });
    // Frame 1 holds 7 … 16.5 in steps of 0.5: 20 values over 0..255.
    expect(f32.data[0]).toBe(0);
    expect(f32.data[19]).toBe(255);
    expect(f32.data[10]).toBe(Math.round((10 * 0.5 * 255) / 9.5));
    const u16 = await renderHdf5(stack, { dataset: 'u16', index: 1 });
    expect(Array.from(u16.data)).toEqual(Array.from({ length: 12 }, (_, i) => Math.round((i * 255) / 11)));
  });

  it('keeps [N, H, W, 3] stacks as RGB', async () => {
    const image = await renderHdf5(stack, { dataset: 'rgb', index: 1 });
    expect([image.width, image.height, image.channels]).toEqual([5, 4, 3]);
    expect(Array.from(image.data.slice(0, 3))).toEqual([60, 61, 62]);
  });

  it('reads one frame of a 4.3 GB dataset without loading the file', async () => {
    const sparse = join(dir, 'sparse.h5');
    expect(statSync(sparse).size).toBeGreaterThan(4e9);
    const image = await renderHdf5(sparse, { dataset: 'image', index: 8999 });
    expect([image.width, image.height]).toEqual([800, 600]);
    expect(image.data[799]).toBe(799 % 256);
    // The whole WebAssembly heap stays far below the file (wasm32 could not even hold it).
    expect(Module.HEAPU8.length).toBeLessThan(256 * 1024 * 1024);
  });

  it('fails with typed errors naming the file', async () => {
    const cases: [Parameters<typeof renderHdf5>[1], string][] = [
      [{ dataset: 'nope' }, 'hdf5/no-such-dataset'],
      [{ dataset: 'flat' }, 'hdf5/bad-shape'],
      [{ dataset: 'image', index: 6 }, 'hdf5/index-out-of-range'],
      [{ dataset: 'image', select: { key: 'annot_id', value: '99_', frame: 'middle' } }, 'hdf5/no-match'],
      [{ dataset: 'image', select: { key: 'annot_id', value: '7_', frame: 3 } }, 'hdf5/index-out-of-range'],
      [{ dataset: 'image', select: { key: 'f32', value: 1, frame: 'middle' } }, 'hdf5/bad-shape'],
    ];
    for (const [request, code] of cases) {
      const error = await renderHdf5(stack, request).catch((e) => e);
      expect(error).toBeInstanceOf(InputError);
      expect(error.code).toBe(code);
      expect(error.message).toContain('stack.h5');
    }
    const notHdf5 = join(dir, 'not.h5');
    writeFileSync(notHdf5, 'plain text');
    const error = await renderHdf5(notHdf5, { dataset: 'image' }).catch((e) => e);
    expect(error.code).toBe('hdf5/open-failed');
    expect(error.message).toMatch(/not\.h5: cannot open as HDF5 \(.+\)$/);
    expect(error.message).not.toContain('\n');
  });
});
