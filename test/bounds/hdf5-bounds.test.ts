import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_HDF5_FRAME_BYTES } from '../../actions/lib/render/hdf5/render-hdf5.js';
import { disposeMeasuredCli, ONE_GB, runMeasuredCli } from './measured-cli.js';

let dir: string;
let file: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cm-bounds-hdf5-'));
  file = path.join(dir, 'declared.h5');
  // Chunked datasets whose chunks are never written: a 2 KB file declaring gigabytes.
  execFileSync('/usr/bin/python3', [
    '-c',
    `import h5py, sys
with h5py.File(sys.argv[1], 'w') as f:
    f.create_dataset('images', shape=(2, 8000, 8000, 3), dtype='f8', chunks=(1, 256, 256, 3))
    f.create_dataset('small', shape=(500_000_000, 8, 8), dtype='u1', chunks=(1, 8, 8))
    f.create_dataset('keys', shape=(500_000_000,), dtype='i8', chunks=(1 << 20,))`,
    file,
  ]);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await disposeMeasuredCli();
});

describe('HDF5 shapes are what a file declares, not what it holds', () => {
  it('the file is tiny', () => {
    expect(statSync(file).size).toBeLessThan(64 * 1024);
  });

  it('a declared 1.5 GB frame is refused before h5wasm allocates it (it took 4 GB and 23 s)', async () => {
    const out = path.join(dir, 'frame.png');
    const run = await runMeasuredCli(
      ['render', 'hdf5', file, '--dataset', 'images', '--index', '0', '-o', out],
      dir,
    );
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      `${file}: a frame of dataset "images" is 1536000000 bytes, more than the ${MAX_HDF5_FRAME_BYTES} allowed [hdf5/too-large]`,
    );
    expect(run.maxRssBytes).toBeLessThan(ONE_GB);
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it('a key dataset of half a billion declared values is refused before it is read', async () => {
    const out = path.join(dir, 'select.png');
    const run = await runMeasuredCli(
      ['render', 'hdf5', file, '--dataset', 'small', '--select', 'keys=0', '-o', out],
      dir,
    );
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      `${file}: dataset "keys" declares 500000000 values (4000000000 bytes), more than a selection may read [hdf5/too-large]`,
    );
    expect(run.maxRssBytes).toBeLessThan(ONE_GB);
  }, 60_000);
});
