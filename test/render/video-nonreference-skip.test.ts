// Decoding without non-reference pictures (-skip_frame noref) must give exactly the frame a full
// decode gives, for every frame it is planned for, in every MP4 layout the plan reads.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RenderedImage } from '../../actions/lib/render/rendered-image.js';
import { decodeFramesInOneProcess } from '../../actions/lib/render/video/decode-frames-in-one-process.js';
import { decodeVideoFrames } from '../../actions/lib/render/video/decode-video-frames.js';
import {
  nonReferenceSkipPlan,
  type SkipPlan,
} from '../../actions/lib/render/video/nonreference-skip-plan.js';
import { renderVideo, toImage } from '../../actions/lib/render/video/render-video.js';
import { renderVideos } from '../../actions/lib/render/video/render-videos.js';
import { ffmpegPath } from '../../actions/lib/tools/ffmpeg-path.js';
import { BIT_BLOCK, PATTERN_BITS, readFrameIndex } from './fixtures/make-video.js';

const FRAMES = 40;
const dir = mkdtempSync(join(tmpdir(), 'video-noref-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string) => join(dir, name);

/** Frame N shows N in binary (as makeIndexVideo), lossy H.264 with B-frames (IBBBP…, the middle B a reference). */
function indexClip(name: string, codec: string[], extra: string[] = []): string {
  const lum = `255*mod(floor(N/pow(2\\,floor(X/${BIT_BLOCK})))\\,2)`;
  execFileSync(ffmpegPath(), [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `color=c=black:s=${BIT_BLOCK * PATTERN_BITS}x16:r=25:d=${FRAMES / 25},format=gray,geq=lum=${lum}`,
    '-frames:v',
    String(FRAMES),
    ...codec,
    '-pix_fmt',
    'yuv420p',
    ...extra,
    file(name),
  ]);
  return file(name);
}

const H264_B = [
  '-c:v',
  'libx264',
  '-preset',
  'veryfast',
  '-crf',
  '10',
  '-x264-params',
  'bframes=3:b-adapt=0',
];
const layouts = ['edit-list.mp4', 'no-edit-list.mp4', 'faststart.mp4', 'quicktime.mov'];

beforeAll(() => {
  indexClip('edit-list.mp4', H264_B);
  indexClip('no-edit-list.mp4', H264_B, ['-use_editlist', '0']);
  indexClip('faststart.mp4', H264_B, ['-movflags', '+faststart']);
  indexClip('quicktime.mov', H264_B);
  indexClip('no-b-frames.mp4', ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '10', '-bf', '0']);
  indexClip('mpeg4.mp4', ['-c:v', 'mpeg4', '-q:v', '2', '-bf', '2']);
});

function frameIndexOf(image: RenderedImage): number {
  const grey = image.channels === 1 ? image.data : image.data.filter((_, i) => i % 3 === 0);
  return readFrameIndex(image.width, grey);
}

async function plans(path: string): Promise<(SkipPlan | undefined)[]> {
  return Promise.all(Array.from({ length: FRAMES }, (_, i) => nonReferenceSkipPlan(path, i, FRAMES)));
}

describe('nonReferenceSkipPlan', () => {
  it('plans reference pictures of H.264 with a non-reference picture before them, nothing else', async () => {
    const planned = await plans(file('edit-list.mp4'));
    expect(planned[0]).toBeUndefined(); // nothing to skip before the first frame
    expect(planned[1]).toBeUndefined(); // the first B-frame is not a reference
    const count = planned.filter(Boolean).length;
    expect(count).toBeGreaterThan(FRAMES / 4);
    expect(count).toBeLessThan(FRAMES);
    // Output indices count the reference pictures before the frame, so they grow with it.
    const indices = planned.flatMap((p) => (p ? [p.outputIndex] : []));
    expect(indices).toEqual([...indices].sort((a, b) => a - b));
    expect(new Set(indices).size).toBe(indices.length);

    for (const name of ['no-b-frames.mp4', 'mpeg4.mp4'])
      expect((await plans(file(name))).filter(Boolean), name).toEqual([]);
    // A frame count other than the container's: no plan.
    expect(await nonReferenceSkipPlan(file('edit-list.mp4'), 20, FRAMES + 1)).toBeUndefined();
    expect(await nonReferenceSkipPlan(file('missing.mp4'), 20, FRAMES)).toBeUndefined();
  });

  it.each(layouts)('decodes every planned frame exactly as a full decode does (%s)', async (name) => {
    const path = file(name);
    const planned = await plans(path);
    const requests = planned.flatMap((skip, index) =>
      skip ? [{ file: path, index, maxBytes: 1 << 20, skip }] : [],
    );
    expect(requests.length).toBeGreaterThan(FRAMES / 4);
    const frames = await decodeFramesInOneProcess(ffmpegPath(), requests, { singleThreaded: true });
    expect(frames).toBeDefined();
    // Every frame of a full decode, as renderVideo decodes them.
    const full = await decodeVideoFrames(
      ffmpegPath(),
      path,
      Array.from({ length: FRAMES }, (_, i) => i),
      { maxBytes: FRAMES << 20 },
    );
    expect(full.errors).toBe('');
    for (const [i, { index }] of requests.entries()) {
      const frame = frames![i];
      expect(frame, `frame ${index}`).toBeDefined();
      expect(frameIndexOf(toImage(frame!, {}))).toBe(index);
      const reference = full.frames.get(index)!;
      expect([frame!.width, frame!.height]).toEqual([reference.width, reference.height]);
      expect(Buffer.compare(Buffer.from(frame!.data), Buffer.from(reference.data)), `frame ${index}`).toBe(0);
    }
  });

  it('selects nothing, never a neighbour, when a plan disagrees with the decoder', async () => {
    const path = file('edit-list.mp4');
    const planned = await plans(path);
    const [a, b] = planned.flatMap((p, index) => (p && index >= 8 ? [p] : [])) as [SkipPlan, SkipPlan];
    const wrong: SkipPlan[] = [
      { outputIndex: a.outputIndex, pts: b.pts },
      { outputIndex: b.outputIndex, pts: a.pts },
      { outputIndex: a.outputIndex, pts: a.pts + 1 },
    ];
    const frames = await decodeFramesInOneProcess(
      ffmpegPath(),
      [
        ...wrong.map((skip) => ({ file: path, index: 0, maxBytes: 1 << 20, skip })),
        { file: path, index: 21, maxBytes: 1 << 20 },
      ],
      { singleThreaded: true },
    );
    expect(frames).toBeDefined();
    expect(frames!.slice(0, 3)).toEqual([undefined, undefined, undefined]);
    expect(frameIndexOf(toImage(frames![3]!, {}))).toBe(21);
  });

  it('renderVideos and renderVideo give the frames of a full decode', async () => {
    const requests = layouts.flatMap((name) => [
      { file: file(name), frame: 'middle' as const },
      { file: file(name), frame: 13 },
      { file: file(name), frame: 14 },
    ]);
    expect(await nonReferenceSkipPlan(file('edit-list.mp4'), FRAMES / 2, FRAMES)).toBeDefined();
    expect(await nonReferenceSkipPlan(file('edit-list.mp4'), 13, FRAMES)).toBeUndefined();
    expect(await nonReferenceSkipPlan(file('edit-list.mp4'), 14, FRAMES)).toBeDefined();
    const outcomes = await renderVideos(requests, {}, { singleThreaded: true });
    for (const [i, request] of requests.entries()) {
      const index = request.frame === 'middle' ? FRAMES / 2 : request.frame;
      const full = await decodeVideoFrames(ffmpegPath(), request.file, [index], { maxBytes: 1 << 20 });
      const expected = toImage(full.frames.get(index)!, {});
      const outcome = outcomes[i]!;
      if (!('image' in outcome)) throw new Error('expected an image');
      const alone = await renderVideo(request.file, { frame: request.frame });
      for (const image of [outcome.image, alone]) {
        expect(frameIndexOf(image)).toBe(index);
        expect(image.resolved).toEqual({ frame: index, frame_count: FRAMES, counted_by: 'demuxed-packets' });
        expect(Buffer.compare(Buffer.from(image.data), Buffer.from(expected.data))).toBe(0);
      }
    }
  });
});
