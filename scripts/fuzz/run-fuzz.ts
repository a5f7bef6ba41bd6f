/**
 * `npm run fuzz [-- --seed N --cases N --jobs N --time-bound MS --case I]`: seeded mutations of valid
 * DICOMs (our writer's and pydicom's real files, PHI stamped in), HDF5 and NIfTI volumes,
 * photographs, whole-slide TIFFs, videos and content files, each run in-process in a worker child with a
 * time bound. A throw other than a clean InputError, PHI in an error, a half-decoded image from a
 * cut stream, or a worker that dies (a native abort) is a crash; a case past the time bound is a
 * hang (the worker is killed and replaced). --time-bound is the bound on a quiet machine (default
 * 5000 ms); the run times a baseline when it starts and scales the bound by how much slower the
 * machine is now (scaled-time-bound.ts), so a busy machine does not turn slow cases into hangs.
 * Prints `N cases, C crashes, H hangs` and exits 1 if either is non-zero; every crashing or hanging
 * input is saved under scripts/fuzz/crashes/
 * (gitignored) with the command that replays it.
 */
import { type ChildProcess, execFileSync, fork } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import sharp from 'sharp';
import { writeHdf5 } from '../../actions/lib/synth/formats/hdf5.js';
import { encodeNiftiGz } from '../../actions/lib/synth/formats/nifti.js';
import { ffmpegPath } from '../../actions/lib/tools/ffmpeg-path.js';
import { pydicomSeeds } from '../../test/robustness/corpus/pydicom-seeds.js';
import { writerSeeds } from '../../test/robustness/corpus/writer-seeds.js';
import { type FuzzSeed, MANIFEST_FILES, makeCase } from './fuzz-case.js';
import type { CaseResult, WorkerSetup } from './fuzz-protocol.js';
import { scaledTimeBound } from './scaled-time-bound.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const CRASH_DIR = path.join(import.meta.dirname, 'crashes');

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '20261127' },
    cases: { type: 'string', default: '10000' },
    jobs: { type: 'string', default: '2' },
    'time-bound': { type: 'string', default: '5000' },
    case: { type: 'string' },
  },
});
const seed = Number(values.seed);
const jobs = Number(values.jobs);
const timeBoundFloor = Number(values['time-bound']);
const only = values.case === undefined ? undefined : Number(values.case);
const total = only === undefined ? Number(values.cases) : 1;
for (const [name, n] of [
  ['--seed', seed],
  ['--cases', total],
  ['--jobs', jobs],
  ['--time-bound', timeBoundFloor],
] as const) {
  if (!Number.isSafeInteger(n) || n < 0 || (name !== '--seed' && n < 1)) {
    process.stderr.write(`run-fuzz: ${name} must be a whole number\n`);
    process.exit(2);
  }
}

// Measured before any worker starts, so the baseline sees the machine's load, not our own workers.
const { boundMs: timeBound, slowdown } = scaledTimeBound(timeBoundFloor);

// Seeds and a private copy of the content files per worker, all in one temporary folder.
const temp = mkdtempSync(path.join(tmpdir(), 'cm-fuzz-'));
const seeds: FuzzSeed[] = [...writerSeeds(), ...pydicomSeeds()];
const seedFiles = seeds.map((s) => {
  const file = path.join(temp, 'seeds', `${s.name}.dcm`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, s.bytes);
  return file;
});
// Volumes: a 3-frame HDF5 stack (as the Thyroid file) and one NIfTI volume, plain and gzipped.
// (The list grows below with photographs and a slide: every non-DICOM seed is rendered by name.)
const volumeSeedFiles = [
  path.join(temp, 'seeds', 'stack.h5'),
  path.join(temp, 'seeds', 'volume.nii'),
  path.join(temp, 'seeds', 'volume.nii.gz'),
];
await writeHdf5(volumeSeedFiles[0]!, [
  {
    name: 'image',
    data: Uint8Array.from({ length: 3 * 16 * 16 }, (_, i) => (i * 7) % 256),
    shape: [3, 16, 16],
  },
  { name: 'annot_id', data: ['a', 'b', 'b'], shape: [3] },
]);
const volume = encodeNiftiGz({
  dims: [12, 10, 6],
  spacing: [1, 1, 2],
  data: Int16Array.from({ length: 720 }, (_, i) => i * 3 - 900),
});
writeFileSync(volumeSeedFiles[2]!, volume);
writeFileSync(volumeSeedFiles[1]!, gunzipSync(volume));
// Photographs with PHI-looking EXIF text, and a small tiled pyramidal TIFF (an SVS's container).
const rgb = Buffer.from(Uint8Array.from({ length: 48 * 32 * 3 }, (_, i) => (i * 11) % 256));
const photo = () =>
  sharp(rgb, { raw: { width: 48, height: 32, channels: 3 } }).withExif({
    IFD0: { ImageDescription: 'Doe^Jane MRN-123456', Artist: 'St. Example Hospital' },
  });
for (const [name, image] of [
  ['photo.jpg', photo().jpeg()],
  ['photo.png', photo().png()],
  [
    'slide.tif',
    sharp(Buffer.alloc(300 * 200 * 3, 90), { raw: { width: 300, height: 200, channels: 3 } }).tiff({
      tile: true,
      tileWidth: 128,
      tileHeight: 128,
      pyramid: true,
      compression: 'jpeg',
    }),
  ],
] as const) {
  const file = path.join(temp, 'seeds', name);
  await image.toFile(file);
  volumeSeedFiles.push(file);
}
// Two short videos with PHI-looking metadata, made by the real ffmpeg.
for (const [name, codec] of [
  ['clip.avi', ['-c:v', 'mjpeg', '-pix_fmt', 'yuvj420p']],
  ['clip.mp4', ['-c:v', 'libx264', '-pix_fmt', 'yuv420p']],
] as const) {
  const file = path.join(temp, 'seeds', name);
  execFileSync(ffmpegPath(), [
    ...['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=s=32x24:r=10:d=1'],
    ...['-metadata', 'title=Doe^Jane MRN-123456', ...codec, file],
  ]);
  volumeSeedFiles.push(file);
}
const volumeSeeds: FuzzSeed[] = volumeSeedFiles.map((file) => ({
  name: path.basename(file),
  bytes: new Uint8Array(readFileSync(file)),
}));
const manifests = new Map(
  MANIFEST_FILES.map(([file]) => [file, readFileSync(path.join(REPO, file), 'utf8')]),
);
function repoCopy(n: number): string {
  const root = path.join(temp, `repo-${n}`);
  for (const dir of ['manifests', 'scenarios'])
    cpSync(path.join(REPO, dir), path.join(root, dir), { recursive: true });
  return root;
}

const counts = { image: 0, error: 0, crash: 0, leak: 0, hang: 0, workerDeaths: 0 };
const saved: string[] = [];
let slowest = { ms: 0, index: -1 };
let maxRss = 0;

/** Writes the input of a failing case and what happened, with the command that replays it. */
function save(index: number, status: string, detail: string): void {
  mkdirSync(CRASH_DIR, { recursive: true });
  let c: ReturnType<typeof makeCase>;
  try {
    c = makeCase(seed, index, seeds, volumeSeeds, manifests);
  } catch (error) {
    // The generator itself failed: a harness bug, reported as the crash it is.
    writeFileSync(
      path.join(CRASH_DIR, `seed-${seed}-case-${index}.txt`),
      `${status}: generator failed: ${String(error)}\n${detail}\n`,
    );
    saved.push(path.join(CRASH_DIR, `seed-${seed}-case-${index}`));
    return;
  }
  const base = path.join(CRASH_DIR, `seed-${seed}-case-${index}`);
  if (c.kind === 'dicom') writeFileSync(`${base}.dcm`, c.bytes);
  else if (c.kind === 'volume') writeFileSync(`${base}-${c.seedName}`, c.bytes);
  else writeFileSync(`${base}.json`, c.text);
  const what =
    c.kind === 'dicom'
      ? `DICOM from ${c.seedName}, options ${JSON.stringify(c.options)}`
      : c.kind === 'volume'
        ? `${c.seedName} rendered with ${JSON.stringify(c.recipe)}`
        : `${c.file}`;
  writeFileSync(
    `${base}.txt`,
    `${status}: ${what}\nreplay: npm run fuzz -- --seed ${seed} --case ${index}\n\n${detail}\n`,
  );
  saved.push(base);
}

const started = Date.now();
let next = only ?? 0;
const end = only === undefined ? total : only + 1;
let done = 0;

function runWorker(n: number, repo: string): Promise<void> {
  return new Promise((resolve) => {
    const setup: WorkerSetup = { seed, seedFiles, volumeSeedFiles, repoCopy: repo, timeBoundMs: timeBound };
    let child: ChildProcess;
    let current: number | undefined;
    let timer: NodeJS.Timeout | undefined;
    let stderrTail = '';

    const sendNext = () => {
      if (next >= end) {
        current = undefined;
        child.disconnect();
        return;
      }
      current = next++;
      timer = setTimeout(() => {
        // A hang: the worker is stuck in this case. Kill it; a new one takes the next case.
        counts.hang++;
        save(current!, 'hang', `no answer within ${timeBound} ms`);
        finish();
        child.kill('SIGKILL');
      }, timeBound);
      child.send(current);
    };
    const finish = () => {
      clearTimeout(timer);
      done++;
      if (done % 500 === 0)
        process.stderr.write(
          `  ${done}/${total} cases, ${counts.crash + counts.leak} crashes, ${counts.hang} hangs\n`,
        );
    };
    const start = () => {
      stderrTail = '';
      child = fork(path.join(import.meta.dirname, 'fuzz-worker.ts'), [JSON.stringify(setup)], {
        execArgv: process.execArgv.some((a) => a.includes('tsx')) ? process.execArgv : ['--import', 'tsx'],
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      });
      child.stderr!.on('data', (chunk: Buffer) => {
        stderrTail = (stderrTail + chunk.toString('utf8')).slice(-4000);
      });
      child.on('message', (message: 'ready' | CaseResult) => {
        if (message === 'ready') return sendNext();
        if (message.index !== current) return; // an answer that came after its hang was counted
        finish();
        const { status, detail } = message.outcome;
        counts[status]++;
        if (status === 'crash' || status === 'leak') save(message.index, status, detail);
        if (message.ms > slowest.ms) slowest = { ms: message.ms, index: message.index };
        maxRss = Math.max(maxRss, message.rss);
        sendNext();
      });
      child.on('exit', (code, signal) => {
        const lost = current;
        current = undefined;
        if (lost !== undefined && !signal?.startsWith('SIGKILL')) {
          // The worker died inside a case: a native abort or an uncaught error outside our code.
          counts.crash++;
          counts.workerDeaths++;
          save(
            lost,
            'crash',
            `worker exited (code ${code}, signal ${signal}) during the case\n${stderrTail}`,
          );
          finish();
        }
        if (next < end) start();
        else resolve();
      });
    };
    start();
    void n;
  });
}

process.stderr.write(
  `fuzz: seed ${seed}, ${total} cases, ${jobs} workers, ${timeBound} ms per case ` +
    `(${timeBoundFloor} ms × ${slowdown.toFixed(2)}, the baseline's slowdown now), ${seeds.length} DICOM seeds\n`,
);
try {
  await Promise.all(Array.from({ length: Math.min(jobs, total) }, (_, n) => runWorker(n, repoCopy(n))));
} finally {
  rmSync(temp, { recursive: true, force: true });
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);
const crashes = counts.crash + counts.leak;
process.stdout.write(`${total} cases, ${crashes} crashes, ${counts.hang} hangs\n`);
process.stdout.write(
  `  ${counts.image} rendered or loaded clean, ${counts.error} typed errors or findings, ${counts.leak} PHI leaks, ` +
    `${counts.workerDeaths} worker deaths; slowest case ${slowest.index} (${Math.round(slowest.ms)} ms); ` +
    `peak worker RSS ${Math.round(maxRss / 1024 / 1024)} MB; ${seconds} s\n`,
);
for (const base of saved) process.stdout.write(`  saved ${path.relative(REPO, base)}.*\n`);
process.exitCode = crashes + counts.hang > 0 ? 1 : 0;
