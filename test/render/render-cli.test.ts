import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureCli } from './fixtures/capture-cli.js';
import { makeIndexVideo, readFrameIndex } from './fixtures/make-video.js';
import { runReference } from './fixtures/python-reference.js';

const dir = mkdtempSync(join(tmpdir(), 'render-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  makeIndexVideo(join(dir, 'a.mp4'), 21, 'mp4');
  makeIndexVideo(join(dir, 'b.avi'), 30, 'avi');
  writeFileSync(join(dir, 'broken.avi'), 'RIFF....AVI not really');
  await sharp({ create: { width: 30, height: 20, channels: 3, background: '#0a0a0a' } })
    .jpeg()
    .toFile(join(dir, 'photo.jpg'));
  runReference('hdf5_fixtures.py', [dir]);
});

async function greyPixels(path: string) {
  const { data, info } = await sharp(path).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, channels: (await sharp(path).metadata()).channels };
}

describe('clinical-manifests render', () => {
  it('renders a batch into --out-dir, reports JSON, and exits 1 when one input fails', async () => {
    const out = join(dir, 'out');
    const { code, stdout } = await captureCli(
      [
        'render',
        'video',
        'a.mp4',
        'b.avi',
        'broken.avi',
        'missing.avi',
        '--out-dir',
        'out',
        '--jobs',
        '2',
        '--format',
        'json',
      ],
      dir,
    );
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as {
      results: { input: string; output: string; ok: boolean; error?: { code: string; message: string } }[];
    };
    expect(report.results.map((r) => [r.input, r.output, r.ok])).toEqual([
      ['a.mp4', join('out', 'a.png'), true],
      ['b.avi', join('out', 'b.png'), true],
      ['broken.avi', join('out', 'broken.png'), false],
      ['missing.avi', join('out', 'missing.png'), false],
    ]);
    expect(report.results[2]!.error!.code).toBe('video/truncated'); // its RIFF header declares 0x2e2e2e2e bytes
    expect(report.results[2]!.error!.message).toContain('broken.avi');
    expect(report.results[3]!.error).toEqual({
      code: 'io/not-found',
      message: expect.stringContaining('missing.avi: no such file'),
    });
    // Nothing half-written: the two PNGs and no temporary files.
    expect(readdirSync(out).sort()).toEqual(['a.png', 'b.png']);
    const a = await greyPixels(join(out, 'a.png'));
    expect(a.channels).toBe(1);
    expect(readFrameIndex(a.width, a.data)).toBe(10);
    const b = await greyPixels(join(out, 'b.png'));
    expect(readFrameIndex(b.width, b.data)).toBe(15);
  });

  it('renders one file with -o and video options, text report, exit 0', async () => {
    const { code, stdout } = await captureCli(
      ['render', 'video', 'b.avi', '-o', 'frame7.png', '--frame', '7'],
      dir,
    );
    expect(code).toBe(0);
    expect(stdout).toContain('b.avi -> frame7.png');
    expect(stdout).toContain('1 rendered, 0 failed');
    const image = await greyPixels(join(dir, 'frame7.png'));
    expect(readFrameIndex(image.width, image.data)).toBe(7);
  });

  it('passes hdf5 and image options through', async () => {
    const hdf5 = await captureCli(
      [
        'render',
        'hdf5',
        'stack.h5',
        '-o',
        'h.png',
        '--dataset',
        'image',
        '--select',
        'annot_id=7_',
        '--format',
        'json',
      ],
      dir,
    );
    expect(hdf5.code).toBe(0);
    expect(JSON.parse(hdf5.stdout).results[0].resolved).toMatchObject({ index: 3 });
    const image = await captureCli(['render', 'image', 'photo.jpg', '-o', 'p.png', '--max-side', '16'], dir);
    expect(image.code).toBe(0);
    const meta = await sharp(join(dir, 'p.png')).metadata();
    expect([meta.width, meta.height, meta.channels]).toEqual([16, 11, 1]);
  });

  it('draws a progress bar on stderr only when it is a terminal', async () => {
    const tty = await captureCli(['render', 'video', 'a.mp4', 'b.avi', '--out-dir', 'tty'], dir, {
      tty: true,
    });
    expect(tty.code).toBe(0);
    expect(tty.stderr).toContain('2/2');
    expect(tty.stderr).toMatch(/\[#+-*\]/);
    const pipe = await captureCli(['render', 'video', 'a.mp4', '--out-dir', 'pipe'], dir);
    expect(pipe.stderr).toBe('');
  });

  it('exits 2 with the usage on a usage error, and writes nothing', async () => {
    mkdirSync(join(dir, 'empty'), { recursive: true });
    const cases = [
      ['render', 'video', 'a.mp4'],
      ['render', 'video', 'a.mp4', 'b.avi', '-o', 'x.png'],
      ['render', 'image', 'photo.jpg', '-o', 'x.png', '--axis', 'axial'],
      ['render', 'dicom', 'x.dcm', '-o', 'x.png', '--window', '40'],
      ['render', 'video', 'a.mp4', '-o', 'x.png', '--frame', 'soon'],
      ['render', 'movie', 'a.mp4', '-o', 'x.png'],
      ['render', 'hdf5', 'stack.h5', '-o', 'x.png'],
      ['render', 'video', 'a.mp4', 'a.mp4', '--out-dir', 'empty'],
      ['render', 'video', 'a.mp4', '-o', 'x.png', '--jobs', '0'],
    ];
    for (const argv of cases) {
      const { code, stderr } = await captureCli(argv, dir);
      expect(code, argv.join(' ')).toBe(2);
      expect(stderr).toContain('usage: clinical-manifests render');
      expect(stderr).not.toMatch(/\n\s+at /);
    }
    expect(readdirSync(dir)).not.toContain('x.png');
    expect(readdirSync(join(dir, 'empty'))).toEqual([]);
  });
});
