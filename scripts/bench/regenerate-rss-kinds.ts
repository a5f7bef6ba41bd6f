/**
 * Bench (issue 19): regenerate's peak memory is flat in the number of sources, for every render kind.
 * For each kind (image, dicom, hdf5, nifti, wsi, video) one first regenerate renders 4N sources (a
 * fresh `clinical-manifests regenerate`, the CLI bundle built from the current sources, its render
 * threads included), and the peak resident memory of that process (VmHWM) is read when its progress
 * passes N sources and again when it exits: the last 3N sources must not need more memory. One
 * process, so the comparison is free of the ±15 % two separate runs differ by. ffmpeg's own
 * processes (video) are not counted: one per group of clips, the same at any count.
 */
import { spawn, spawnSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ffmpegPath } from '../../actions/lib/tools/ffmpeg-path.js';
import { cineStack, greyJpegs, niftiVolumes, tiledSlides } from './anchor-inputs.js';
import type { BenchResult } from './bench-result.js';
import { writeBenchSeries } from './dicom-render.js';

/** A kind's sources: a few distinct files (hard-linked many times) and the selection's recipe. */
interface KindSources {
  kind: string;
  label: string;
  files: string[];
  ext: string;
  recipe: Record<string, unknown>;
}

/** Written into the child with --import: its peak RSS when it exits, main thread and workers together. */
const PEAK_RSS_HOOK = `import { readFileSync, writeFileSync } from 'node:fs';
process.on('exit', () => {
  const m = /^VmHWM:\\s+(\\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
  writeFileSync(process.env.CM_PEAK_RSS_FILE, m ? m[1] : String(process.resourceUsage().maxRSS));
});
`;

async function makeSources(dir: string): Promise<KindSources[]> {
  const clipDir = path.join(dir, 'video');
  mkdirSync(clipDir, { recursive: true });
  const clips = [0, 1].map((i) => {
    const file = path.join(clipDir, `clip${i}.mp4`);
    const args = [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      `testsrc2=size=160x120:rate=30:duration=${1 + i}`,
    ];
    const run = spawnSync(ffmpegPath(), [...args, '-c:v', 'libx264', '-pix_fmt', 'yuv420p', file]);
    if (run.status !== 0) throw new Error(`ffmpeg failed: ${run.stderr}`);
    return file;
  });
  const stacks = [0, 1].map((i) => path.join(dir, 'hdf5', `stack${i}.hdf5`));
  for (const file of stacks) await cineStack(file, 8, 128);
  return [
    {
      kind: 'image',
      label: '320×390 JPEG',
      files: await greyJpegs(path.join(dir, 'image'), 4, 320, 390),
      ext: 'jpg',
      recipe: { kind: 'image' },
    },
    {
      kind: 'dicom',
      label: '256² CT',
      files: (await writeBenchSeries(path.join(dir, 'dicom'), 'ct', 4, { ctSize: 256 })).files,
      ext: 'dcm',
      recipe: { kind: 'dicom', preset: 'abdomen' },
    },
    {
      kind: 'hdf5',
      label: '[8, 128, 128] stack',
      files: stacks,
      ext: 'hdf5',
      recipe: { kind: 'hdf5', dataset: 'image', index: 3 },
    },
    {
      kind: 'nifti',
      label: '64×64×40 .nii.gz',
      files: await niftiVolumes(path.join(dir, 'nifti'), 3, [64, 64, 40]),
      ext: 'nii.gz',
      recipe: { kind: 'nifti' },
    },
    {
      kind: 'wsi',
      label: '1600×1200 pyramidal TIFF, 256-px thumbnail',
      files: await tiledSlides(path.join(dir, 'wsi'), 1, 1600, 1200),
      ext: 'tif',
      recipe: { kind: 'wsi', thumbnail: 256 },
    },
    {
      kind: 'video',
      label: '160×120 H.264 clip, middle frame',
      files: clips,
      ext: 'mp4',
      recipe: { kind: 'video' },
    },
  ];
}

const peakKb = (pid: number): number | undefined => {
  try {
    return Number(/^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  } catch {
    return undefined;
  }
};

/**
 * One first regenerate over `count` sources of a kind, as its own CLI process: its peak RSS in MB once
 * `mark` sources are processed (read from /proc as its progress line appears) and at the end.
 */
async function peaksOfRun(
  cli: string,
  hook: string,
  sources: KindSources,
  count: number,
  mark: number,
  dir: string,
): Promise<{ atMark: number; atEnd: number }> {
  const root = mkdtempSync(path.join(dir, `${sources.kind}-${count}-`));
  try {
    const repo = path.join(root, 'repo');
    const data = path.join(root, 'data');
    mkdirSync(path.join(repo, 'manifests/selections'), { recursive: true });
    writeFileSync(
      path.join(repo, 'manifests/selections/bench-all.json'),
      JSON.stringify({
        id: 'bench-all',
        dataset: 'bench',
        include: [`src/**/*.${sources.ext}`],
        recipe: sources.recipe,
        output_dir: 'bulk/bench',
      }),
    );
    spawnSync('git', ['init', '-q', repo]);
    for (let i = 0; i < count; i++) {
      const folder = path.join(data, 'bench', 'src', `p${String(Math.floor(i / 100)).padStart(4, '0')}`);
      if (i % 100 === 0) mkdirSync(folder, { recursive: true });
      linkSync(sources.files[i % sources.files.length]!, path.join(folder, `s${i}.${sources.ext}`));
    }
    const peakFile = path.join(root, 'peak-rss');
    const child = spawn(
      process.execPath,
      [
        '--import',
        hook,
        cli,
        'regenerate',
        '--data-root',
        data,
        '--out',
        path.join(root, 'out'),
        '--repo',
        repo,
        '--format',
        'json',
      ],
      {
        env: {
          ...process.env,
          CLINICAL_MANIFESTS_CACHE_DIR: path.join(root, 'cache'),
          CM_PEAK_RSS_FILE: peakFile,
          // As the regenerate action runs it (see the README's Regenerate section).
          MALLOC_ARENA_MAX: '2',
        },
      },
    );
    let stdout = '';
    let stderr = '';
    let atMarkKb: number | undefined;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
      for (const m of chunk.matchAll(/processed (\d+)\//g))
        if (atMarkKb === undefined && Number(m[1]) >= mark) atMarkKb = peakKb(child.pid!);
    });
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    if (status !== 0)
      throw new Error(`regenerate (${sources.kind}, ${count}) exited ${status}: ${stderr.slice(-2000)}`);
    const rendered = (JSON.parse(stdout) as { rendered?: number }).rendered;
    if (rendered !== count) throw new Error(`regenerate (${sources.kind}, ${count}) rendered ${rendered}`);
    if (atMarkKb === undefined)
      throw new Error(`regenerate (${sources.kind}) printed no progress past ${mark}`);
    return { atMark: atMarkKb / 1024, atEnd: Number(readFileSync(peakFile, 'utf8')) / 1024 };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Peak RSS of a first regenerate over `count` and 4 × `count` sources, per kind: one figure per kind. */
export async function benchRssPerKind(
  count: number,
  cli: string,
  kinds?: readonly string[],
): Promise<BenchResult[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cm-bench-rss-kinds-'));
  try {
    const hook = path.join(dir, 'peak-rss-hook.mjs');
    writeFileSync(hook, PEAK_RSS_HOOK);
    const results: BenchResult[] = [];
    for (const sources of await makeSources(path.join(dir, 'sources'))) {
      if (kinds && !kinds.includes(sources.kind)) continue;
      const { atMark: small, atEnd: large } = await peaksOfRun(cli, hook, sources, 4 * count, count, dir);
      const ratio = large / small;
      results.push({
        id: `regenerate-rss-${sources.kind}`,
        title: `peak memory of a first regenerate, ${sources.kind} (${sources.label}): after ${count} vs all ${4 * count} sources`,
        value: large,
        unit: 'MB',
        anchor: { name: `the same process after its first ${count} sources`, value: small, unit: 'MB' },
        target: 'flat: 4× the sources within 1.2× the peak, and under 500 MB',
        ratio,
        ratioUnit: `× the ${count}-source peak`,
        met: ratio <= 1.2 && large < 500,
        notes: [
          `peak after ${count} sources: ${small.toFixed(0)} MB; after all ${4 * count}: ${large.toFixed(0)} MB ` +
            `(VmHWM of one CLI process, render threads included, ${os.availableParallelism()} jobs)`,
        ],
      });
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
