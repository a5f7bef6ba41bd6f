import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { renderBatch, videoGroups } from '../../actions/lib/render/render-batch.js';
import { VIDEO_GROUP } from '../../actions/lib/render/video/render-videos.js';
import { Recipe } from '../../actions/lib/schema/recipe.js';
import { makeIndexVideo, readFrameIndex } from './fixtures/make-video.js';

const dir = mkdtempSync(join(tmpdir(), 'render-batch-'));
const log = join(dir, 'ffmpeg-calls.log');
const before = process.env.FFMPEG_PATH;
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  if (before === undefined) delete process.env.FFMPEG_PATH;
  else process.env.FFMPEG_PATH = before;
});

beforeAll(() => {
  for (const [i, frames] of [21, 13, 30, 8, 17].entries())
    makeIndexVideo(join(dir, `v${i}.${i % 2 ? 'avi' : 'mp4'}`), frames, i % 2 ? 'avi' : 'mp4');
  // The real ffmpeg behind a wrapper that notes each start, so the test can count processes.
  const wrapper = join(dir, 'ffmpeg');
  writeFileSync(wrapper, `#!/bin/sh\necho run >> '${log}'\nexec /usr/bin/ffmpeg "$@"\n`);
  chmodSync(wrapper, 0o755);
});

describe('renderBatch', () => {
  it('decodes grouped videos with one ffmpeg per group and writes every PNG', async () => {
    process.env.FFMPEG_PATH = join(dir, 'ffmpeg');
    writeFileSync(log, '');
    const recipe = Recipe.parse({ kind: 'video' });
    const inputs = readdirSync(dir)
      .filter((f) => /^v\d\.(avi|mp4)$/.test(f))
      .sort();
    const items = inputs.map((f) => ({ input: join(dir, f), output: join(dir, `${f}.png`), recipe }));
    const progress: number[] = [];
    const results = await renderBatch(items, { jobs: 2, onProgress: (done) => progress.push(done) });
    expect(results.every((r) => r.ok)).toBe(true);
    expect(progress).toEqual([1, 2, 3, 4, 5]);
    // Five clips over two jobs: groups of three and two, counted in process, so two ffmpeg runs.
    expect(readFileSync(log, 'utf8').trim().split('\n')).toHaveLength(2);
    for (const [i, frames] of [21, 13, 30, 8, 17].entries()) {
      const { data, info } = await sharp(items[i]!.output)
        .toColourspace('b-w')
        .raw()
        .toBuffer({ resolveWithObject: true });
      expect(readFrameIndex(info.width, data)).toBe(Math.floor(frames / 2));
    }
  });

  it('renders mixed kinds one by one and keeps the input order', async () => {
    await sharp({ create: { width: 9, height: 7, channels: 3, background: '#202020' } })
      .png()
      .toFile(join(dir, 'p.png'));
    const results = await renderBatch(
      [
        {
          input: join(dir, 'p.png'),
          output: join(dir, 'p.out.png'),
          recipe: Recipe.parse({ kind: 'image' }),
        },
        {
          input: join(dir, 'v0.mp4'),
          output: join(dir, 'v0.sharp.png'),
          recipe: Recipe.parse({ kind: 'video', frame: 'sharpest' }),
        },
        {
          input: join(dir, 'nope.png'),
          output: join(dir, 'nope.out.png'),
          recipe: Recipe.parse({ kind: 'image' }),
        },
      ],
      { jobs: 3 },
    );
    expect(results.map((r) => [r.ok, r.error?.code])).toEqual([
      [true, undefined],
      [true, undefined],
      [false, 'io/not-found'],
    ]);
    expect(results[0]).toMatchObject({ width: 9, height: 7, channels: 1 });
  });
});

describe('videoGroups', () => {
  it('deals clips evenly over the jobs, at most VIDEO_GROUP a group, each clip once', () => {
    for (const [count, jobs] of [
      [1, 2],
      [2, 2],
      [30, 2],
      [40, 2],
      [33, 4],
      [100, 3],
      [17, 1],
    ] as const) {
      const groups = videoGroups(count, jobs);
      expect(groups.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, i) => i));
      expect(Math.max(...groups.map((g) => g.length))).toBeLessThanOrEqual(VIDEO_GROUP);
      if (count >= jobs) expect(groups.length % jobs).toBe(0);
      const sizes = groups.map((g) => g.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
    expect(videoGroups(40, 2).map((g) => g.length)).toEqual([10, 10, 10, 10]);
    expect(videoGroups(30, 2).map((g) => g.length)).toEqual([15, 15]);
    expect(videoGroups(0, 2)).toEqual([]);
  });
});
