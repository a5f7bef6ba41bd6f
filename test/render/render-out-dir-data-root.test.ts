import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../robustness/built-cli.js';
import { captureCli } from './fixtures/capture-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'render-layout-'));
const data = join(dir, 'data');
const studies = ['patient1/study1', 'patient2/study1', 'patient2/study2'];
const sources = studies.map((s) => join(data, 'chexpert/CheXpert-v1.0-small/valid', s, 'view1_frontal.jpg'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(async () => {
  for (const [i, file] of sources.entries()) {
    mkdirSync(join(file, '..'), { recursive: true });
    await sharp({ create: { width: 12, height: 10, channels: 3, background: { r: 40 * i, g: 0, b: 0 } } })
      .jpeg()
      .toFile(file);
  }
});

describe('render --out-dir with repeated names', () => {
  it('keeps the source folders below the inputs’ common folder (CheXpert’s view1_frontal.jpg)', async () => {
    const out = join(dir, 'out');
    const r = await captureCli(['render', 'image', ...sources, '--out-dir', out], dir);
    expect(r.code, r.stderr).toBe(0);
    for (const s of studies) expect(existsSync(join(out, s, 'view1_frontal.png')), s).toBe(true);
    expect(existsSync(join(out, 'view1_frontal.png'))).toBe(false);
  });

  it('stays flat when names do not repeat', async () => {
    const out = join(dir, 'flat');
    const r = await captureCli(['render', 'image', sources[0]!, '--out-dir', out], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(out, 'view1_frontal.png'))).toBe(true);
  });
});

describe('render --data-root is the root of all datasets', () => {
  it('accepts inputs under DIR/<dataset id>/', async () => {
    const r = await captureCli(
      ['render', 'image', sources[0]!, '-o', join(dir, 'one.png'), '--data-root', data],
      REPO_ROOT,
    );
    expect(r.code, r.stderr).toBe(0);
  });

  it('names the old usage (one dataset’s folder) and an input outside the data root, exit 2', async () => {
    const old = await captureCli(
      ['render', 'image', sources[0]!, '-o', join(dir, 'two.png'), '--data-root', join(data, 'chexpert')],
      REPO_ROOT,
    );
    expect(old.code).toBe(2);
    expect(old.stderr).toContain(
      `looks like one dataset's folder: --data-root is now the root of all datasets, here ${data}`,
    );
    mkdirSync(join(dir, 'elsewhere'), { recursive: true });
    const outside = await captureCli(
      ['render', 'image', sources[0]!, '-o', join(dir, 'three.png'), '--data-root', join(dir, 'elsewhere')],
      REPO_ROOT,
    );
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('is not inside a dataset folder of the data root');
    expect(existsSync(join(dir, 'two.png')) || existsSync(join(dir, 'three.png'))).toBe(false);
  });
});
