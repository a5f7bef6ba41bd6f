/**
 * Bench (issue 3): the middle frame of 30 H.264 800×600 clips, our renderer (ffmpeg spawned directly,
 * frames counted from the stream, clips grouped into one ffmpeg per group and `--jobs` = cores, as
 * `render video … --out-dir` runs them, PNG encoding left out on both sides) against the notes' OpenCV recipe
 * (cv2.VideoCapture, CAP_PROP_FRAME_COUNT, set POS_FRAMES to count // 2, read), measured side by side
 * in one run on the same files, in interleaved rounds whose medians are compared. OpenCV's time
 * excludes Python's start-up and `import cv2`; ours includes spawning ffmpeg. Target: no slower than
 * OpenCV. Prints the BenchResult as JSON when run (BENCH_CLIPS, BENCH_ROUNDS).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { videoGroups } from '../../actions/lib/render/render-batch.js';
import type { RenderedImage } from '../../actions/lib/render/rendered-image.js';
import { nonReferenceSkipPlan } from '../../actions/lib/render/video/nonreference-skip-plan.js';
import { renderVideo } from '../../actions/lib/render/video/render-video.js';
import { renderVideos } from '../../actions/lib/render/video/render-videos.js';
import { ffmpegPath } from '../../actions/lib/tools/ffmpeg-path.js';
import type { BenchResult } from './bench-result.js';
import { forEachLimited } from './bench-util.js';

const PYTHON = '/usr/bin/python3';

const OPENCV = `
import json, sys, time, cv2, numpy as np
files = json.loads(sys.argv[1])
start = time.perf_counter()
cpu = time.process_time()
frames = []
for f in files:
    cap = cv2.VideoCapture(f)
    n = int(cap.get(cv2.CAP_PROP_FRAME_COUNT))
    cap.set(cv2.CAP_PROP_POS_FRAMES, n // 2)
    ok, frame = cap.read()
    cap.release()
    frames.append((n, frame))
seconds = time.perf_counter() - start
cpu = time.process_time() - cpu
out = []
for (n, frame), f in zip(frames, files):
    rgb = frame[:, :, ::-1].astype(np.float64)
    out.append({"count": n, "mean": rgb.mean(axis=(0, 1)).tolist()})
print(json.dumps({"seconds": seconds, "cpu": cpu, "frames": out}))
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
  const groups = videoGroups(files.length, jobs);
  const start = performance.now();
  await forEachLimited(groups, jobs, async (group) => {
    // As renderBatch calls it: with several groups at once, each ffmpeg decodes on one thread.
    const outcomes = await renderVideos(
      group.map((i) => ({ file: files[i]!, frame: 'middle' as const })),
      {},
      { singleThreaded: jobs > 1 },
    );
    outcomes.forEach((outcome, n) => {
      if ('error' in outcome) throw outcome.error;
      images[group[n]!] = outcome.image;
    });
  });
  return { seconds: (performance.now() - start) / 1000, images };
}

/** One renderVideo call per clip, one at a time: what a caller of renderSource gets. */
async function timeOneByOne(files: string[]): Promise<number> {
  const start = performance.now();
  for (const file of files) await renderVideo(file, { frame: 'middle' });
  return (performance.now() - start) / 1000;
}

/** CPU seconds of this process and of its reaped children (Linux /proc), or undefined elsewhere. */
function cpuSeconds(ticksPerSecond: number | undefined): { self: number; children: number } | undefined {
  if (!ticksPerSecond) return undefined;
  try {
    const stat = readFileSync('/proc/self/stat', 'latin1');
    // Fields after the command name: state is field 3, cutime and cstime are fields 16 and 17.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const children = (Number(fields[13]) + Number(fields[14])) / ticksPerSecond;
    const { user, system } = process.cpuUsage();
    return Number.isFinite(children) ? { self: (user + system) / 1e6, children } : undefined;
  } catch {
    return undefined;
  }
}

function clockTicks(): number | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return ticks > 0 ? ticks : undefined;
  } catch {
    return undefined;
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

interface OpenCvRun {
  seconds: number;
  cpu: number;
  frames: { count: number; mean: number[] }[];
}

function runOpenCv(files: string[]): OpenCvRun {
  return JSON.parse(
    execFileSync(PYTHON, ['-c', OPENCV, JSON.stringify(files)], { encoding: 'utf8', maxBuffer: 64 << 20 }),
  ) as OpenCvRun;
}

/** ms per clip: median and range of the rounds. */
function summary(msPerClip: readonly number[]): string {
  return `median ${median(msPerClip).toFixed(1)}, min ${Math.min(...msPerClip).toFixed(1)}, max ${Math.max(...msPerClip).toFixed(1)} ms/clip (${msPerClip.map((v) => v.toFixed(1)).join(', ')})`;
}

/**
 * Runs the comparison and returns the figure for the bench report. Both sides run in interleaved
 * rounds (OpenCV, ours, OpenCV, ours, …) after one warm-up each, and the figure compares medians,
 * so a burst of load on the machine hits both sides rather than deciding the outcome.
 */
export async function benchVideoMiddleFrame(
  options: { clips?: number; rounds?: number; staticFfmpeg?: boolean } = {},
): Promise<BenchResult> {
  const clips = options.clips ?? 30;
  const rounds = Math.max(1, options.rounds ?? 5);
  const dir = await mkdtemp(path.join(tmpdir(), 'cm-bench-video-'));
  try {
    const files = makeClips(dir, clips);
    const cores = os.availableParallelism();
    const ticks = clockTicks();
    // Warm the page cache and both tools once on every clip, then measure in interleaved rounds.
    runOpenCv(files);
    await timeOurs(files, cores);
    const opencvMs: number[] = [];
    const oursMs: number[] = [];
    const opencvCpuMs: number[] = [];
    const oursCpuMs: number[] = [];
    let opencv: OpenCvRun | undefined;
    let parallel: { seconds: number; images: RenderedImage[] } | undefined;
    for (let round = 0; round < rounds; round++) {
      opencv = runOpenCv(files);
      opencvMs.push((opencv.seconds * 1000) / clips);
      opencvCpuMs.push((opencv.cpu * 1000) / clips);
      const before = cpuSeconds(ticks);
      parallel = await timeOurs(files, cores);
      const after = cpuSeconds(ticks);
      oursMs.push((parallel.seconds * 1000) / clips);
      if (before && after)
        oursCpuMs.push(((after.self - before.self + after.children - before.children) * 1000) / clips);
    }
    const serial = await timeOurs(files, 1);
    const oneByOne = await timeOneByOne(files);

    // The bundled static ffmpeg on the same clips, when the preferred one is another build.
    let staticNote: string | undefined;
    const preferred = ffmpegPath();
    const bundled = ffmpegPath({});
    if (options.staticFfmpeg !== false && bundled !== preferred) {
      const saved = process.env.FFMPEG_PATH;
      process.env.FFMPEG_PATH = bundled;
      try {
        await timeOurs(files, cores);
        const staticMs: number[] = [];
        for (let round = 0; round < rounds; round++)
          staticMs.push(((await timeOurs(files, cores)).seconds * 1000) / clips);
        staticNote = `ours with the bundled static ffmpeg (${bundled}), --jobs ${cores}, after the rounds above: ${summary(staticMs)}`;
      } catch (error) {
        staticNote = `bundled static ffmpeg: failed (${error instanceof Error ? error.message : String(error)})`;
      } finally {
        if (saved === undefined) delete process.env.FFMPEG_PATH;
        else process.env.FFMPEG_PATH = saved;
      }
    }

    // How many middle frames are H.264 reference pictures, decoded with non-reference pictures skipped.
    let planned = 0;
    for (const [i, file] of files.entries()) {
      const count = parallel!.images[i]!.resolved.frame_count as number;
      if (await nonReferenceSkipPlan(file, Math.floor(count / 2), count)) planned++;
    }

    // Same frame? Compare mean colours (testsrc2 moves every frame); a different frame differs by far more.
    let agree = 0;
    let countsAgree = 0;
    parallel!.images.forEach((image, i) => {
      const ours = meanRgb(image);
      const theirs = opencv!.frames[i]!.mean;
      if (ours.every((v, c) => Math.abs(v - theirs[c]!) < 1)) agree++;
      if (image.resolved.frame_count === opencv!.frames[i]!.count) countsAgree++;
    });
    const ourMs = median(oursMs);
    const theirMs = median(opencvMs);
    return {
      id: 'video-middle-frame',
      title: `middle frame of ${clips} H.264 800×600 clips (90–150 frames), ${cores} cores`,
      value: ourMs,
      unit: 'ms per clip',
      anchor: {
        name: `OpenCV seek-and-read (cv2.VideoCapture, POS_FRAMES), one process; medians of ${rounds} interleaved rounds`,
        value: theirMs,
        unit: 'ms per clip',
      },
      target: 'no slower than OpenCV',
      ratio: ourMs / theirMs,
      met: ourMs <= theirMs,
      notes: [
        `ffmpeg: ${preferred}`,
        `${rounds} interleaved rounds (OpenCV, ours, OpenCV, ours, …) after one warm-up of each on all clips`,
        `OpenCV: ${summary(opencvMs)}`,
        `ours with --jobs ${cores}: ${summary(oursMs)}`,
        ...(oursCpuMs.length
          ? [
              `CPU time (user + system) per clip, median of the rounds: OpenCV ${median(opencvCpuMs).toFixed(1)} ms (time.process_time, all its threads), ours ${median(oursCpuMs).toFixed(1)} ms (Node plus its reaped ffmpeg children, /proc/self/stat)`,
            ]
          : []),
        `middle frames decoded with non-reference pictures skipped (reference pictures of H.264): ${planned}/${clips}`,
        `ours with --jobs 1 (one run): ${((serial.seconds * 1000) / clips).toFixed(1)} ms/clip`,
        `one renderVideo (one ffmpeg) per clip, serially (one run): ${((oneByOne * 1000) / clips).toFixed(1)} ms/clip`,
        ...(staticNote ? [staticNote] : []),
        `same frame as OpenCV (mean colour within 1 level): ${agree}/${clips}; same frame count: ${countsAgree}/${clips}`,
      ],
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const clips = Number(process.env.BENCH_CLIPS ?? 30);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
  process.stdout.write(`${JSON.stringify(await benchVideoMiddleFrame({ clips, rounds }), null, 2)}\n`);
}
