import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../actions/lib/errors.js';
import { laplacianVariance } from '../../actions/lib/render/video/laplacian-variance.js';
import { renderVideo, sampleIndices } from '../../actions/lib/render/video/render-video.js';
import { makeIndexVideo, readFrameIndex } from './fixtures/make-video.js';
import { PYTHON } from './fixtures/python-reference.js';

const dir = mkdtempSync(join(tmpdir(), 'render-video-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FRAMES = 75;
const videos = { mp4: join(dir, 'index.mp4'), avi: join(dir, 'index.avi') };
beforeAll(() => {
  makeIndexVideo(videos.mp4, FRAMES, 'mp4');
  makeIndexVideo(videos.avi, FRAMES, 'avi');
});

describe.each(['mp4', 'avi'] as const)('renderVideo on %s', (container) => {
  it('returns the exact middle frame, floor(count/2), as grey', async () => {
    const image = await renderVideo(videos[container], { frame: 'middle' });
    expect(image.channels).toBe(1);
    expect(readFrameIndex(image.width, image.data)).toBe(37);
    expect(image.resolved).toMatchObject({ frame: 37, frame_count: FRAMES });
  });

  it('returns the exact indexed frames, first and last included', async () => {
    for (const index of [0, 1, 12, 50, FRAMES - 1]) {
      const image = await renderVideo(videos[container], { frame: index });
      expect(readFrameIndex(image.width, image.data)).toBe(index);
    }
  });

  it('returns the first frame at or after a time', async () => {
    const image = await renderVideo(videos[container], { frame: { time: 1.5 } });
    // 25 frames per second: frame 37 starts at 1.48 s, frame 38 at 1.52 s.
    expect(readFrameIndex(image.width, image.data)).toBe(38);
    expect(image.resolved.frame).toBe(38);
    expect((await renderVideo(videos[container], { frame: { time: 0 } })).resolved.frame).toBe(0);
    await expect(renderVideo(videos[container], { frame: { time: 100 } })).rejects.toMatchObject({
      code: 'video/frame-out-of-range',
    });
  });

  it('refuses a frame past the end with a typed error', async () => {
    const error = await renderVideo(videos[container], { frame: FRAMES }).catch((e) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.code).toBe('video/frame-out-of-range');
    expect(error.message).toContain(`index.${container}`);
  });
});

describe('frame counting', () => {
  it('counts the frames in the stream, not the container header (a header that lies)', async () => {
    // An AVI's frame count lives in its header (dwTotalFrames): claim 1000 frames.
    const path = join(dir, 'lying.avi');
    const bytes = readFileSync(videos.avi);
    const at = bytes.indexOf('avih') + 8 + 16;
    expect(bytes.readUInt32LE(at)).toBe(FRAMES);
    bytes.writeUInt32LE(1000, at);
    writeFileSync(path, bytes);
    const image = await renderVideo(path, { frame: 'middle' });
    expect(readFrameIndex(image.width, image.data)).toBe(37);
    expect(image.resolved.frame_count).toBe(FRAMES);
  });

  it('counts only the frames an edit list keeps (a stream-copied cut)', async () => {
    const gop = join(dir, 'gop10.mp4');
    const cut = join(dir, 'cut.mp4');
    execFileSync('/usr/bin/ffmpeg', [
      '-v',
      'error',
      '-y',
      '-i',
      videos.mp4,
      '-c:v',
      'libx264',
      '-qp',
      '0',
      '-g',
      '10',
      gop,
    ]);
    // Cut at 1.0 s (frame 25) without re-encoding: frames 20–24 stay in the file, marked to discard.
    execFileSync('/usr/bin/ffmpeg', ['-v', 'error', '-y', '-ss', '1.0', '-i', gop, '-c', 'copy', cut]);
    const image = await renderVideo(cut, { frame: 'middle' });
    expect(image.resolved.frame_count).toBe(FRAMES - 25);
    expect(readFrameIndex(image.width, image.data)).toBe(25 + Math.floor((FRAMES - 25) / 2));
  });

  it('falls back to counting decoded frames when a frame cannot be decoded', async () => {
    // Wipe frame 20's JPEG up to its last bytes: the decoder reports it and drops the frame.
    const path = join(dir, 'corrupt.avi');
    const bytes = readFileSync(videos.avi);
    let at = -1;
    for (let frame = 0; frame <= 20; frame++) at = bytes.indexOf(Buffer.from([0xff, 0xd8, 0xff]), at + 1);
    const next = bytes.indexOf(Buffer.from([0xff, 0xd8, 0xff]), at + 1);
    bytes.fill(0, at, next - 16);
    writeFileSync(path, bytes);
    const image = await renderVideo(path, { frame: 'middle' });
    expect(image.resolved).toMatchObject({
      counted_by: 'decoded-frames',
      frame_count: FRAMES - 1,
      frame: 37,
    });
    // Decoded frame 37 is source frame 38, as frame 20 is gone.
    expect(readFrameIndex(image.width, image.data)).toBe(38);
  });
});

describe('sharpest frame', () => {
  it('picks the sampled frame with the largest variance of the Laplacian, like OpenCV', async () => {
    const path = join(dir, 'blur.mp4');
    // Frame 7 is a sharp checkerboard, the others a smooth ramp.
    const lum = 'if(eq(N\\,7)\\,255*mod(floor(X/2)+floor(Y/2)\\,2)\\,X+Y)';
    execFileSync('/usr/bin/ffmpeg', [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      `color=c=black:s=64x48:r=25:d=0.48,format=gray,geq=lum=${lum}`,
      '-c:v',
      'libx264',
      '-qp',
      '0',
      '-pix_fmt',
      'yuv420p',
      path,
    ]);
    const image = await renderVideo(path, { frame: 'sharpest' });
    expect(image.resolved.frame).toBe(7);
    expect(image.resolved.sampled_frames).toBe(12);
  });

  it('computes the same variance as cv2.Laplacian(grey, CV_64F).var()', () => {
    const width = 13;
    const height = 9;
    const rgb = new Uint8Array(width * height * 3).map((_, i) => (i * 7919) % 251);
    const script = [
      'import sys, json, numpy as np, cv2',
      'a = np.array(json.loads(sys.argv[1]), dtype=np.uint8).reshape(9, 13, 3)',
      'grey = cv2.cvtColor(a[:, :, ::-1].copy(), cv2.COLOR_BGR2GRAY)',
      'print(cv2.Laplacian(grey, cv2.CV_64F).var())',
    ].join('\n');
    const expected = Number(
      execFileSync(PYTHON, ['-c', script, JSON.stringify(Array.from(rgb))], { encoding: 'utf8' }),
    );
    expect(laplacianVariance(width, height, rgb)).toBeCloseTo(expected, 6);
  });

  it('samples evenly, both ends included', () => {
    expect(sampleIndices(5, 16)).toEqual([0, 1, 2, 3, 4]);
    expect(sampleIndices(31, 4)).toEqual([0, 10, 20, 30]);
  });
});

describe('EchoNet-Dynamic annotations', () => {
  const root = join(dir, 'root');
  const video = join(root, 'EchoNet-Dynamic', 'Videos', '0X1A2B.avi');
  const chords = (frame: number, half: number, name: string) => [
    `${name},50,10,50,90,${frame}`,
    ...[20, 40, 60, 80].map((y) => `${name},${50 - half},${y},${50 + half},${y},${frame}`),
  ];
  beforeAll(() => {
    mkdirSync(join(root, 'EchoNet-Dynamic', 'Videos'), { recursive: true });
    makeIndexVideo(video, 60, 'avi', 50);
    // The smaller (systolic) tracing is listed first, with the .avi extension; another video's rows between.
    const rows = [
      'FileName,X1,Y1,X2,Y2,Frame',
      ...chords(41, 10, '0X1A2B.avi'),
      ...chords(3, 30, '0XFFFF'),
      ...chords(17, 25, '0X1A2B'),
    ];
    writeFileSync(join(root, 'EchoNet-Dynamic', 'VolumeTracings.csv'), `${rows.join('\r\n')}\r\n`);
  });

  it('takes end-diastole as the larger traced area and end-systole as the smaller', async () => {
    const ed = await renderVideo(video, { frame: { annotation: 'end-diastole' } }, { dataRoot: root });
    const es = await renderVideo(video, { frame: { annotation: 'end-systole' } }, { dataRoot: root });
    expect(readFrameIndex(ed.width, ed.data)).toBe(17);
    expect(readFrameIndex(es.width, es.data)).toBe(41);
    expect((ed.resolved.traced_area as number) > (es.resolved.traced_area as number)).toBe(true);
  });

  it('finds VolumeTracings.csv next to Videos/ without a data root', async () => {
    const ed = await renderVideo(video, { frame: { annotation: 'end-diastole' } });
    expect(ed.resolved.frame).toBe(17);
  });

  it('fails clearly for a video without tracings', async () => {
    const other = join(root, 'EchoNet-Dynamic', 'Videos', '0X0000.avi');
    makeIndexVideo(other, 10, 'avi');
    await expect(
      renderVideo(other, { frame: { annotation: 'end-systole' } }, { dataRoot: root }),
    ).rejects.toMatchObject({
      code: 'video/no-annotation',
    });
  });
});

describe('bad videos', () => {
  it('names the file and the reason for a file that is not a video', async () => {
    const path = join(dir, 'not-a-video.mp4');
    writeFileSync(path, 'this is text, not a video\n');
    const error = await renderVideo(path, { frame: 'middle' }).catch((e) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.code).toBe('video/decode-failed');
    expect(error.message).toContain('not-a-video.mp4');
    expect(error.message).not.toContain('\n');
  });

  it('reads a file named like an ffmpeg protocol as a file', async () => {
    const path = join(dir, 'concat:x.mp4');
    writeFileSync(path, readFileSync(videos.mp4));
    const image = await renderVideo(path, { frame: 3 });
    expect(readFrameIndex(image.width, image.data)).toBe(3);
  });

  it('reports a video without a video stream', async () => {
    const path = join(dir, 'audio.wav');
    execFileSync('/usr/bin/ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=d=0.2', path]);
    await expect(renderVideo(path, { frame: 'middle' })).rejects.toMatchObject({
      code: 'video/decode-failed',
    });
  });
});
