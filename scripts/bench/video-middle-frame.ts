/**
 * Bench (issue 3): the middle frame of 30 H.264 800×600 clips, our renderer (ffmpeg spawned directly,
 * frames counted from the stream, clips grouped into one ffmpeg per group and `--jobs` = cores, as
 * `render video … --out-dir` runs them, PNG encoding left out on both sides) against the notes' OpenCV recipe
 * (cv2.VideoCapture, CAP_PROP_FRAME_COUNT, set POS_FRAMES to count // 2, read), measured side by side
 * in one run on the same files. OpenCV's time excludes Python's start-up and `import cv2`; ours
 * includes spawning ffmpeg. Target: no slower than OpenCV. Prints the BenchResult as JSON when run.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { VIDEO_GROUP } from '../../actions/lib/render/render-batch.js';
import type { RenderedImage } from '../../actions/lib/render/rendered-image.js';
import { renderVideo } from '../../actions/lib/render/video/render-video.js';
import { renderVideos } from '../../actions/lib/render/video/render-videos.js';
import { ffmpegPath } from '../../actions/lib/tools/ffmpeg-path.js';
import type { BenchResult } from './bench-result.js';

const PYTHON = '/usr/bin/python3';

const OPENCV = `
import json, sys, time, cv2, numpy as np
files = json.loads(sys.argv[1])
start = time.perf_counter()
frames = []
for f in files:
    cap = cv2.VideoCapture(f)
    n = int(cap.get(cv2.CAP_PROP_FRAME_COUNT))
    cap.set(cv2.CAP_PROP_POS_FRAMES, n // 2)
    ok, frame = cap.read()
    cap.release()
    frames.append((n, frame))
seconds = time.perf_counter() - start
out = []
for (n, frame), f in zip(frames, files):
    rgb = frame[:, :, ::-1].astype(np.float64)
    out.append({"count": n, "mean": rgb.mean(axis=(0, 1)).tolist()})
print(json.dumps({"seconds": seconds, "frames": out}))
`;

/** Clips of 3 to 5 s at 30 fps (90 to 150 frames), default libx264 settings (one keyframe per 250). */
function makeClips(dir: string, count: number): string[] {
  const ffmpeg = ffmpegPath();
  return Array.from({ length: count }, (_, i) => {
    const file = path.join(dir, `clip-${String(i).padStart(2, '0')}.mp4`);
    const seconds = 3 + (i % 3);
    execFileSync(ffmpeg, [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      `testsrc2=size=800x600:rate=30:duration=${seconds}`,
      '-vf',
      `hue=h=${i * 12}`,
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-pix_fmt',
      'yuv420p',
      file,
    ]);
    return file;
  });
}

function meanRgb(image: RenderedImage): number[] {
  const sums = [0, 0, 0];
  const pixels = image.width * image.height;
  for (let i = 0; i < pixels; i++) {
    for (let c = 0; c < 3; c++) sums[c]! += image.data[image.channels === 1 ? i : i * 3 + c]!;
  }
  return sums.map((s) => s / pixels);
}

/**
 * Our batch path without the PNG step (OpenCV does not encode either): the CLI's grouping of clips
 * into one ffmpeg process per group, `jobs` groups at a time.
 */
async function timeOurs(
  files: string[],
  jobs: number,
): Promise<{ seconds: number; images: RenderedImage[] }> {
  const images: RenderedImage[] = [];
  const size = Math.max(1, Math.min(VIDEO_GROUP, Math.ceil(files.length / jobs)));
  const groups: number[][] = [];
  for (let at = 0; at < files.length; at += size) groups.push(files.map((_, i) => i).slice(at, at + size));
  const start = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: jobs }, async () => {
      while (next < groups.length) {
        const group = groups[next++]!;
        const outcomes = await renderVideos(
          group.map((i) => ({ file: files[i]!, frame: 'middle' as const })),
        );
        outcomes.forEach((outcome, n) => {
          if ('error' in outcome) throw outcome.error;
          images[group[n]!] = outcome.image;
        });
      }
    }),
  );
  return { seconds: (performance.now() - start) / 1000, images };
}

/** One renderVideo call per clip, one at a time: what a caller of renderSource gets. */
async function timeOneByOne(files: string[]): Promise<number> {
  const start = performance.now();
  for (const file of files) await renderVideo(file, { frame: 'middle' });
  return (performance.now() - start) / 1000;
}

/** Runs the comparison and returns the figure for the bench report. */
export async function benchVideoMiddleFrame(options: { clips?: number } = {}): Promise<BenchResult> {
  const clips = options.clips ?? 30;
  const dir = await mkdtemp(path.join(tmpdir(), 'cm-bench-video-'));
  try {
    const files = makeClips(dir, clips);
    const cores = os.availableParallelism();
    // Warm the page cache and both tools once, then measure: OpenCV, ours in parallel, ours serially.
    execFileSync(PYTHON, ['-c', OPENCV, JSON.stringify(files.slice(0, 1))]);
    await timeOurs(files.slice(0, 1), 1);
    const opencv = JSON.parse(
      execFileSync(PYTHON, ['-c', OPENCV, JSON.stringify(files)], { encoding: 'utf8', maxBuffer: 64 << 20 }),
    ) as {
      seconds: number;
      frames: { count: number; mean: number[] }[];
    };
    const parallel = await timeOurs(files, cores);
    const serial = await timeOurs(files, 1);
    const oneByOne = await timeOneByOne(files);

    // Same frame? Compare mean colours (testsrc2 moves every frame); a different frame differs by far more.
    let agree = 0;
    let countsAgree = 0;
    parallel.images.forEach((image, i) => {
      const ours = meanRgb(image);
      const theirs = opencv.frames[i]!.mean;
      if (ours.every((v, c) => Math.abs(v - theirs[c]!) < 1)) agree++;
      if (image.resolved.frame_count === opencv.frames[i]!.count) countsAgree++;
    });
    const ourMs = (parallel.seconds * 1000) / clips;
    const opencvMs = (opencv.seconds * 1000) / clips;
    return {
      id: 'video-middle-frame',
      title: `middle frame of ${clips} H.264 800×600 clips (90–150 frames), ${cores} cores`,
      value: ourMs,
      unit: 'ms per clip',
      anchor: {
        name: 'OpenCV seek-and-read (cv2.VideoCapture, POS_FRAMES), one process',
        value: opencvMs,
        unit: 'ms per clip',
      },
      target: 'no slower than OpenCV',
      ratio: ourMs / opencvMs,
      met: ourMs <= opencvMs,
      notes: [
        `ffmpeg: ${ffmpegPath()}`,
        `ours with --jobs ${cores}: ${ourMs.toFixed(1)} ms/clip; with --jobs 1: ${((serial.seconds * 1000) / clips).toFixed(1)} ms/clip`,
        `one renderVideo (one ffmpeg) per clip, serially: ${((oneByOne * 1000) / clips).toFixed(1)} ms/clip`,
        `same frame as OpenCV (mean colour within 1 level): ${agree}/${clips}; same frame count: ${countsAgree}/${clips}`,
      ],
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const clips = Number(process.env.BENCH_CLIPS ?? 30);
  process.stdout.write(`${JSON.stringify(await benchVideoMiddleFrame({ clips }), null, 2)}\n`);
}
