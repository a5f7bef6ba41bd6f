/**
 * Benches (issue 19): every render kind regenerate spends its time on, against the Python library a
 * user would reach for, side by side in one run on the same files:
 *   image normalise, CheXpert-sized 320×390 JPEG, full-size 2,000×2,500 JPEG, MURA-like PNG — PIL;
 *   HDF5, a frame of a Thyroid-like cine-clip stack — h5py (+ PIL to write it);
 *   NIfTI, the middle axial slice of a Brain-Mets-Lung-like .nii.gz — nibabel (+ PIL);
 *   whole-slide thumbnail of a tiled pyramidal TIFF — openslide (+ PIL).
 * Equal work on both sides: every item is decoded from its file and written as an 8-bit PNG (PIL at
 * compress_level=1, its fastest; ours with the engine's fixed Up + run-length deflate), and the
 * outputs are compared pixel by pixel, so a fast wrong answer cannot win (`met` needs both).
 * Timed as the DICOM bench is: both warmed up, the loop over all files timed inside each process
 * (Python: time.perf_counter; ours: the bundled RenderPool (cli-bundle.ts) with `jobs` renders in flight, as regenerate and
 * `render --out-dir` run it), interleaved rounds, medians; ours with one render at a time in the notes.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import type { RenderPool } from '../../actions/lib/render/render-pool.js';
import { Recipe } from '../../actions/lib/schema/recipe.js';
import { cineStack, greyJpegs, greyPngs, niftiVolumes, tiledSlides } from './anchor-inputs.js';
import type { BenchResult } from './bench-result.js';
import { DEBIAN_PYTHON, forEachLimited, run, timeMs, withTempDir } from './bench-util.js';

const PYTHON_ANCHOR = path.join(import.meta.dirname, 'reference/render-anchor.py');

/** One item: a source, the recipe ours renders it with, what the Python side needs beyond the file. */
interface Item {
  file: string;
  recipe: Recipe;
  python: Record<string, unknown>;
}

/** One comparison of the report. */
interface AnchorCase {
  id: string;
  title: string;
  kind: 'image' | 'hdf5' | 'nifti' | 'wsi';
  anchorName: string;
  /** Minimum speed ratio (anchor time ÷ ours) and how the report states it. */
  target: { ratio: number; text: string };
  /** Largest mean |ours − anchor| over all pixels of all outputs, in grey levels. */
  tolerance: { mean: number; text: string };
  items: Item[];
}

/** Sizes of a run. */
export interface RenderAnchorSizes {
  chexpertSmall: number;
  chexpertFull: number;
  fullSize: [number, number];
  mura: number;
  hdf5Frames: number;
  hdf5Stack: number;
  hdf5Side: number;
  nifti: number;
  niftiDims: [number, number, number];
  slides: number;
  slideSize: [number, number];
  thumbnail: number;
  rounds: number;
  jobs?: number;
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** Makes every case's files under `dir`. */
async function makeCases(dir: string, s: RenderAnchorSizes): Promise<AnchorCase[]> {
  const image = (files: string[]): Item[] =>
    files.map((file) => ({ file, recipe: Recipe.parse({ kind: 'image' }), python: {} }));
  const imageTarget = { ratio: 2, text: 'at least 2× faster than PIL' };
  const exact = { mean: 0, text: 'pixel-identical' };
  const pil = 'PIL: open, exif_transpose, save PNG (compress_level=1), one process, loop only';
  const stack = path.join(dir, 'hdf5', 'dataset.hdf5');
  await cineStack(stack, s.hdf5Stack, s.hdf5Side);
  const [fw, fh] = s.fullSize;
  const [sw, sh] = s.slideSize;
  const dims = s.niftiDims;
  return [
    {
      id: 'image-chexpert',
      title: `image normalise, ${s.chexpertSmall} × 320×390 grey JPEG (CheXpert downsampled)`,
      kind: 'image',
      anchorName: pil,
      target: imageTarget,
      tolerance: exact,
      items: image(await greyJpegs(path.join(dir, 'chexpert'), s.chexpertSmall, 320, 390)),
    },
    {
      id: 'image-full',
      title: `image normalise, ${s.chexpertFull} × ${fw}×${fh} grey JPEG (full-size X-ray)`,
      kind: 'image',
      anchorName: pil,
      target: imageTarget,
      tolerance: exact,
      items: image(await greyJpegs(path.join(dir, 'full'), s.chexpertFull, fw, fh)),
    },
    {
      id: 'image-mura',
      title: `image normalise, ${s.mura} × 512×420 grey PNG (MURA-like)`,
      kind: 'image',
      anchorName: pil,
      target: imageTarget,
      tolerance: exact,
      items: image(await greyPngs(path.join(dir, 'mura'), s.mura, 420, 512)),
    },
    {
      id: 'hdf5-frame',
      title: `HDF5, ${s.hdf5Frames} frames of a [${s.hdf5Stack}, ${s.hdf5Side}, ${s.hdf5Side}] uint8 cine-clip stack (Thyroid-like), file opened per frame`,
      kind: 'hdf5',
      anchorName: 'h5py: File, dataset[index], PIL save PNG (compress_level=1), one process, loop only',
      target: { ratio: 1, text: 'at least on par with h5py' },
      tolerance: exact,
      items: Array.from({ length: s.hdf5Frames }, (_, i) => {
        const index = Math.floor((i * s.hdf5Stack) / s.hdf5Frames);
        return {
          file: stack,
          recipe: Recipe.parse({ kind: 'hdf5', dataset: 'image', index }),
          python: { dataset: 'image', index },
        };
      }),
    },
    {
      id: 'nifti-slice',
      title: `NIfTI, middle axial slice of ${s.nifti} × ${dims.join('×')} int16 .nii.gz (Brain-Mets-Lung-like)`,
      kind: 'nifti',
      anchorName:
        'nibabel: load, as_closest_canonical, dataobj[:, :, middle], min–max, PIL save PNG (compress_level=1), one process, loop only',
      target: { ratio: 1, text: 'at least on par with nibabel' },
      tolerance: exact,
      items: (await niftiVolumes(path.join(dir, 'nifti'), s.nifti, dims)).map((file) => ({
        file,
        recipe: Recipe.parse({ kind: 'nifti' }),
        python: {},
      })),
    },
    {
      id: 'wsi-thumbnail',
      title: `whole-slide thumbnail (${s.thumbnail} px) of ${s.slides} × ${sw}×${sh} tiled pyramidal JPEG TIFF`,
      kind: 'wsi',
      anchorName:
        'openslide: OpenSlide, get_thumbnail, PIL save PNG (compress_level=1), one process, loop only',
      target: { ratio: 1, text: 'no slower than openslide' },
      // Both take the same level and shrink it with Lanczos-3, but libvips and PIL round differently.
      tolerance: {
        mean: 2,
        text: 'mean difference under 2 grey levels (libvips and PIL resample differently)',
      },
      items: (await tiledSlides(path.join(dir, 'wsi'), s.slides, sw, sh)).map((file) => ({
        file,
        recipe: Recipe.parse({ kind: 'wsi', thumbnail: s.thumbnail }),
        python: { side: s.thumbnail },
      })),
    },
  ];
}

const outputName = (i: number) => `${String(i).padStart(4, '0')}.png`;

/** The Python anchor over every item; returns its loop time (ms) and writes into `outDir`. */
async function runPython(
  c: AnchorCase,
  outDir: string,
  warm: boolean,
): Promise<{ loopMs: number; cpuMs: number; importsMs: number; wallMs: number }> {
  await mkdir(outDir, { recursive: true });
  const spec = path.join(outDir, 'spec.json');
  const items = c.items.map((item, i) => ({
    ...item.python,
    file: item.file,
    output: path.join(outDir, outputName(i)),
  }));
  await writeFile(spec, JSON.stringify({ kind: c.kind, items, warm }));
  const { stdout, ms } = await run(DEBIAN_PYTHON, [PYTHON_ANCHOR, spec]);
  const parsed = JSON.parse(stdout) as { imports_s: number; loop_s: number; cpu_s: number };
  return {
    loopMs: parsed.loop_s * 1000,
    cpuMs: parsed.cpu_s * 1000,
    importsMs: parsed.imports_s * 1000,
    wallMs: ms,
  };
}

/**
 * Our engine over every item, `jobs` in flight, each PNG written by this thread. Returns the wall
 * time and the process's CPU time (all threads: libvips', libuv's and the render threads').
 */
async function runOurs(
  pool: RenderPool,
  c: AnchorCase,
  outDir: string,
  jobs: number,
): Promise<{ ms: number; cpuMs: number }> {
  await mkdir(outDir, { recursive: true });
  const cpu = process.cpuUsage();
  const ms = await timeMs(() =>
    forEachLimited(c.items, jobs, async (item, i) => {
      const { png } = await pool.render(item.file, item.recipe);
      await writeFile(path.join(outDir, outputName(i)), png);
    }),
  );
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000 };
}

/** Pixel agreement of two folders of PNGs, output by output. */
async function agreement(
  c: AnchorCase,
  ours: string,
  theirs: string,
): Promise<{ mean: number; max: number; identical: number; shapeMismatch: string[] }> {
  let sum = 0;
  let count = 0;
  let max = 0;
  let identical = 0;
  const shapeMismatch: string[] = [];
  for (let i = 0; i < c.items.length; i++) {
    const decode = (dir: string) =>
      sharp(path.join(dir, outputName(i)))
        .raw()
        .toBuffer({ resolveWithObject: true });
    const [a, b] = await Promise.all([decode(ours), decode(theirs)]);
    if (
      a.info.width !== b.info.width ||
      a.info.height !== b.info.height ||
      a.info.channels !== b.info.channels
    ) {
      shapeMismatch.push(
        `${outputName(i)}: ours ${a.info.width}×${a.info.height}×${a.info.channels}, anchor ${b.info.width}×${b.info.height}×${b.info.channels}`,
      );
      continue;
    }
    let same = true;
    for (let p = 0; p < a.data.length; p++) {
      const d = Math.abs(a.data[p]! - b.data[p]!);
      sum += d;
      if (d > max) max = d;
      if (d) same = false;
    }
    count += a.data.length;
    if (same) identical++;
  }
  return { mean: count ? sum / count : Number.POSITIVE_INFINITY, max, identical, shapeMismatch };
}

async function benchCase(
  c: AnchorCase,
  dir: string,
  pools: { parallel: RenderPool; serial: RenderPool },
  jobs: number,
  rounds: number,
): Promise<BenchResult> {
  const out = (name: string) => path.join(dir, 'out', c.id, name);
  // Warm the page cache, our threads and the JIT; Python warms itself (warm: true).
  const warm = { ...c, items: c.items.slice(0, 2 * jobs) };
  await runOurs(pools.parallel, warm, out('warm'), jobs);
  await runOurs(pools.serial, warm, out('warm-serial'), 1);
  const pythonRounds: number[] = [];
  const oursRounds: number[] = [];
  const pythonCpu: number[] = [];
  const oursCpu: number[] = [];
  let imports = 0;
  // Each round writes new files: rewriting a file in place makes ext4 flush it (auto_da_alloc).
  for (let round = 0; round < rounds; round++) {
    const python = await runPython(c, out(`python-${round}`), true);
    imports = python.importsMs;
    pythonRounds.push(python.loopMs);
    pythonCpu.push(python.cpuMs);
    const ours = await runOurs(pools.parallel, c, out(`ours-${round}`), jobs);
    oursRounds.push(ours.ms);
    oursCpu.push(ours.cpuMs);
  }
  const serial = (await runOurs(pools.serial, c, out('ours-serial'), 1)).ms;
  const agree = await agreement(c, out('ours-0'), out('python-0'));
  const bytes = async (d: string) => (await readFile(path.join(d, outputName(0)))).length;
  const n = c.items.length;
  const oursMs = median(oursRounds) / n;
  const pythonMs = median(pythonRounds) / n;
  const ratio = pythonMs / oursMs;
  const range = (xs: number[]) => `${(Math.min(...xs) / n).toFixed(2)}–${(Math.max(...xs) / n).toFixed(2)}`;
  const agreed = agree.shapeMismatch.length === 0 && agree.mean <= c.tolerance.mean;
  return {
    id: c.id,
    title: c.title,
    value: oursMs,
    unit: 'ms per image',
    anchor: { name: c.anchorName, value: pythonMs, unit: 'ms per image' },
    target: `${c.target.text}, outputs ${c.tolerance.text}`,
    ratio,
    ratioUnit: '× the anchor’s speed',
    met: ratio >= c.target.ratio && agreed,
    notes: [
      `loop only (both warmed up), median of ${rounds} interleaved rounds: ours ${oursMs.toFixed(2)} ms/image ` +
        `(range ${range(oursRounds)}) with ${jobs} in flight; anchor ${pythonMs.toFixed(2)} ms/image ` +
        `(range ${range(pythonRounds)}, one thread; imports ${imports.toFixed(0)} ms, not counted)`,
      `CPU time per image (user + system, median of the rounds; what a loaded machine cannot skew much): ours ` +
        `${(median(oursCpu) / n).toFixed(2)} ms (every thread of the process), anchor ${(median(pythonCpu) / n).toFixed(2)} ms ` +
        `(time.process_time)`,
      `ours one image at a time (one run): ${(serial / n).toFixed(2)} ms/image ` +
        `(${(median(pythonRounds) / serial).toFixed(2)}× the anchor’s speed)`,
      `same output: ${agree.identical}/${n} pixel-identical; mean |ours − anchor| ${agree.mean.toFixed(3)}, max ${agree.max}` +
        (agree.shapeMismatch.length ? `; size differs: ${agree.shapeMismatch.slice(0, 3).join('; ')}` : '') +
        `; PNG bytes of the first: ours ${await bytes(out('ours-0'))}, anchor ${await bytes(out('python-0'))}`,
    ],
  };
}

/** Runs every render-anchor comparison; one figure per case. */
export async function benchRenderAnchors(
  sizes: RenderAnchorSizes,
  renderPoolFile: string,
  only?: (id: string) => boolean,
): Promise<BenchResult[]> {
  const jobs = sizes.jobs ?? os.availableParallelism();
  // The bundled pool (scripts/bench/cli-bundle.ts), with its render worker beside it.
  const bundled = (await import(pathToFileURL(renderPoolFile).href)) as {
    RenderPool: typeof import('../../actions/lib/render/render-pool.js').RenderPool;
  };
  const pools = { parallel: new bundled.RenderPool(jobs), serial: new bundled.RenderPool(1) };
  try {
    return await withTempDir('anchors', async (dir) => {
      const results: BenchResult[] = [];
      for (const c of await makeCases(dir, sizes)) {
        if (only && !only(c.id)) continue;
        results.push(await benchCase(c, dir, pools, jobs, sizes.rounds));
      }
      return results;
    });
  } finally {
    await Promise.all([pools.parallel.close(), pools.serial.close()]);
  }
}

/** Sizes per mode: full (the figures), quick, smoke (tiny, to prove the bench runs). */
export const RENDER_ANCHOR_SIZES: Record<'full' | 'quick' | 'smoke', RenderAnchorSizes> = {
  full: {
    chexpertSmall: 400,
    chexpertFull: 40,
    fullSize: [2000, 2500],
    mura: 300,
    hdf5Frames: 400,
    hdf5Stack: 2000,
    hdf5Side: 256,
    nifti: 20,
    niftiDims: [240, 240, 155],
    slides: 20,
    slideSize: [8192, 6144],
    thumbnail: 1000,
    rounds: 5,
  },
  quick: {
    chexpertSmall: 100,
    chexpertFull: 10,
    fullSize: [2000, 2500],
    mura: 60,
    hdf5Frames: 100,
    hdf5Stack: 500,
    hdf5Side: 256,
    nifti: 6,
    niftiDims: [240, 240, 155],
    slides: 6,
    slideSize: [6000, 4500],
    thumbnail: 1000,
    rounds: 3,
  },
  smoke: {
    chexpertSmall: 4,
    chexpertFull: 2,
    fullSize: [400, 500],
    mura: 4,
    hdf5Frames: 4,
    hdf5Stack: 8,
    hdf5Side: 64,
    nifti: 2,
    niftiDims: [48, 48, 20],
    slides: 2,
    slideSize: [1200, 900],
    thumbnail: 200,
    rounds: 1,
  },
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { buildCliBundle } = await import('./cli-bundle.js');
  const mode = (process.argv[2] ?? 'quick') as 'full' | 'quick' | 'smoke';
  const bundle = await buildCliBundle();
  try {
    const ids = process.argv[3]?.split(',');
    const results = await benchRenderAnchors(
      RENDER_ANCHOR_SIZES[mode],
      bundle.renderPoolFile,
      ids ? (id) => ids.some((i) => id.startsWith(i)) : undefined,
    );
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  } finally {
    await bundle.dispose();
  }
}
