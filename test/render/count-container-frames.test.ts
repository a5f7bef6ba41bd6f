import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { countContainerFrames } from '../../actions/lib/render/video/count-container-frames.js';
import { countVideoPackets } from '../../actions/lib/render/video/count-video-packets.js';
import { PYTHON } from './fixtures/python-reference.js';

const FFMPEG = '/usr/bin/ffmpeg';
const dir = mkdtempSync(join(tmpdir(), 'count-frames-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function ffmpeg(name: string, args: string[]): string {
  const path = join(dir, name);
  execFileSync(FFMPEG, ['-v', 'error', '-y', ...args, path]);
  return path;
}

const source = ['-f', 'lavfi', '-i', 'testsrc2=s=160x120:r=25:d=3'];
const sound = ['-f', 'lavfi', '-i', 'sine=d=3'];

describe('countContainerFrames agrees with ffmpeg’s demuxer', () => {
  const cases: [string, () => string][] = [
    ['H.264 with B-frames (edit list for the delay)', () => ffmpeg('b.mp4', [...source, '-c:v', 'libx264'])],
    [
      'H.264 without B-frames, faststart',
      () => ffmpeg('nob.mp4', [...source, '-c:v', 'libx264', '-bf', '0', '-movflags', '+faststart']),
    ],
    ['H.264 and AAC', () => ffmpeg('av.mp4', [...source, ...sound, '-c:v', 'libx264', '-c:a', 'aac'])],
    ['MJPEG in MOV', () => ffmpeg('mj.mov', [...source, '-c:v', 'mjpeg'])],
    [
      'MJPEG AVI with PCM audio',
      () => ffmpeg('av.avi', [...source, ...sound, '-c:v', 'mjpeg', '-c:a', 'pcm_s16le']),
    ],
    [
      'a stream-copied cut (edit list discarding frames before the cut)',
      () => {
        const whole = ffmpeg('whole.mp4', [...source, '-c:v', 'libx264', '-g', '30']);
        return ffmpeg('cut.mp4', ['-ss', '1.3', '-i', whole, '-c', 'copy']);
      },
    ],
    [
      'an AVI written by OpenCV (as many research datasets are)',
      () => {
        const path = join(dir, 'opencv.avi');
        const script = [
          'import sys, cv2, numpy as np',
          "w = cv2.VideoWriter(sys.argv[1], cv2.VideoWriter_fourcc(*'MJPG'), 50, (112, 112))",
          'for i in range(40): w.write(np.full((112, 112, 3), i * 5, np.uint8))',
          'w.release()',
        ].join('\n');
        execFileSync(PYTHON, ['-c', script, path]);
        return path;
      },
    ],
  ];
  for (const [name, make] of cases) {
    it(name, async () => {
      const path = make();
      const walked = await countContainerFrames(path);
      const demuxed = await countVideoPackets(FFMPEG, path, {});
      expect(walked).toBeDefined();
      expect(walked!.frames).toBe(demuxed.frames);
      expect([walked!.width, walked!.height]).toEqual([demuxed.width, demuxed.height]);
    });
  }
});

describe('countContainerFrames leaves what it does not model to ffmpeg', () => {
  it('fragmented MP4', async () => {
    const path = ffmpeg('frag.mp4', [...source, '-c:v', 'libx264', '-movflags', 'frag_keyframe+empty_moov']);
    expect(await countContainerFrames(path)).toBeUndefined();
  });

  it('truncated files', async () => {
    const mp4 = ffmpeg('full.mp4', [...source, '-c:v', 'libx264', '-movflags', '+faststart']);
    const avi = ffmpeg('full.avi', [...source, '-c:v', 'mjpeg']);
    for (const path of [mp4, avi]) {
      const bytes = readFileSync(path);
      writeFileSync(`${path}.cut`, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
      expect(await countContainerFrames(`${path}.cut`)).toBeUndefined();
    }
  });

  it('other containers and non-videos', async () => {
    const mkv = ffmpeg('v.mkv', [...source, '-c:v', 'mjpeg']);
    expect(await countContainerFrames(mkv)).toBeUndefined();
    writeFileSync(join(dir, 'text.avi'), 'RIFF but not really');
    expect(await countContainerFrames(join(dir, 'text.avi'))).toBeUndefined();
    expect(await countContainerFrames(join(dir, 'missing.avi'))).toBeUndefined();
  });
});
