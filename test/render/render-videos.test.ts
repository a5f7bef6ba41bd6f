import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderVideo } from '../../actions/lib/render/video/render-video.js';
import { renderVideos } from '../../actions/lib/render/video/render-videos.js';
import { makeIndexVideo, readFrameIndex } from './fixtures/make-video.js';

const dir = mkdtempSync(join(tmpdir(), 'render-videos-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string) => join(dir, name);

beforeAll(() => {
  makeIndexVideo(file('a.mp4'), 31, 'mp4');
  makeIndexVideo(file('b.avi'), 20, 'avi');
  makeIndexVideo(file('c.mp4'), 9, 'mp4');
  writeFileSync(file('junk.avi'), 'RIFF junk');
});

describe('renderVideos (one ffmpeg for a group)', () => {
  it('gives the frames renderVideo gives, pixel for pixel', async () => {
    const requests = [
      { file: file('a.mp4'), frame: 'middle' as const },
      { file: file('b.avi'), frame: 'middle' as const },
      { file: file('c.mp4'), frame: 4 },
      { file: file('a.mp4'), frame: 30 },
    ];
    const outcomes = await renderVideos(requests, {}, { singleThreaded: true });
    expect(outcomes.map((o) => ('image' in o ? readFrameIndex(o.image.width, o.image.data) : -1))).toEqual([
      15, 10, 4, 30,
    ]);
    for (const [i, request] of requests.entries()) {
      const alone = await renderVideo(request.file, { frame: request.frame });
      const outcome = outcomes[i]!;
      if (!('image' in outcome)) throw new Error('expected an image');
      expect(outcome.image.resolved).toEqual(alone.resolved);
      expect(Buffer.compare(Buffer.from(outcome.image.data), Buffer.from(alone.data))).toBe(0);
    }
  });

  it('renders what it cannot group on its own, with renderVideo’s errors', async () => {
    const outcomes = await renderVideos([
      { file: file('a.mp4'), frame: 3 },
      { file: file('junk.avi'), frame: 'middle' },
      { file: file('c.mp4'), frame: 9 },
      { file: file('b.avi'), frame: 19 },
    ]);
    expect('image' in outcomes[0]! && readFrameIndex(outcomes[0].image.width, outcomes[0].image.data)).toBe(
      3,
    );
    expect('error' in outcomes[1]! && outcomes[1].error).toMatchObject({ code: 'video/decode-failed' });
    expect('error' in outcomes[2]! && outcomes[2].error).toMatchObject({ code: 'video/frame-out-of-range' });
    expect('image' in outcomes[3]! && readFrameIndex(outcomes[3].image.width, outcomes[3].image.data)).toBe(
      19,
    );
  });
});
