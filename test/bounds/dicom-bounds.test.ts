import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DICOM_LIMITS } from '../../actions/lib/dicom/read-dicom.js';
import { deflateBomb } from '../robustness/corpus/deflate-bomb.js';
import { disposeMeasuredCli, ONE_GB, runMeasuredCli } from './measured-cli.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cm-bounds-dicom-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await disposeMeasuredCli();
});

describe('a deflated DICOM whose Pixel Data claims 2 GB', () => {
  it('inflating just under the limit is held once, not three times: under 1 GB, a clean error', async () => {
    // ~500 KB on disk; it took 3 GB at a 990 MB inflated size before.
    const file = path.join(dir, 'under.dcm');
    await writeFile(file, deflateBomb(DEFAULT_DICOM_LIMITS.maxInflatedBytes - (16 << 20)));
    const run = await runMeasuredCli(['render', 'dicom', file, '-o', path.join(dir, 'under.png')], dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`${file}: the data set ends early (truncated file) [dicom/truncated]`);
    expect(run.maxRssBytes).toBeLessThan(ONE_GB);
  }, 60_000);

  it('inflating past the limit is refused after counting, holding nothing', async () => {
    const file = path.join(dir, 'over.dcm');
    await writeFile(file, deflateBomb(DEFAULT_DICOM_LIMITS.maxInflatedBytes + (16 << 20)));
    const run = await runMeasuredCli(['render', 'dicom', file, '-o', path.join(dir, 'over.png')], dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      `${file}: the deflated data set inflates past the ${DEFAULT_DICOM_LIMITS.maxInflatedBytes}-byte limit [dicom/too-large]`,
    );
    expect(run.maxRssBytes).toBeLessThan(256 * 1024 * 1024);
  }, 60_000);
});
