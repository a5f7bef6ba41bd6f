/**
 * `npm run bench`: every figure of issue 7, each against its anchor and target, measured side by side
 * in the same run; writes bench-results/report.json and report.md and prints the Markdown.
 *
 *   npm run bench [-- --quick | --smoke] [--only NAME[,NAME…]] [--out DIR]
 *
 * --quick   reduced sizes (a few minutes on 2 cores); --smoke tiny sizes, every bench once (the test
 * suite runs it so the bench never rots). --only takes bench names (validate, hash, plan, noop, dicom,
 * video, anchors, text-scan, guard-history, memory, memory-kinds, labels) or figure ids. Exit 1 when a bench fails, or,
 * at the full sizes the targets are stated for, when a target is missed (at reduced sizes fixed start-up costs weigh more: a quick or
 * smoke run reports its figures without enforcing the targets).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { type BenchReport, currentCommit, machineFacts, renderMarkdown } from './bench-report.js';
import type { BenchResult } from './bench-result.js';
import { buildCliBundle } from './cli-bundle.js';

type Mode = BenchReport['mode'];

/** One bench: a name for --only, the figure ids it yields, and how to run it at each size. */
interface Bench {
  name: string;
  ids: string[];
  run(
    mode: Mode,
    ctx: { cli: string; renderPoolFile: string; wanted: (id: string) => boolean },
  ): Promise<BenchResult | BenchResult[]>;
}

const pick = <T>(mode: Mode, sizes: Record<Mode, T>): T => sizes[mode];

// Modules are imported when their bench runs: `--only hash` does not load the DICOM codecs.
const BENCHES: Bench[] = [
  {
    name: 'validate',
    ids: ['validate-scale'],
    async run(mode) {
      const { benchValidateScale } = await import('./validate-scale.js');
      return benchValidateScale(
        pick(mode, {
          full: { scenarios: 10_000, lockEntries: 224_316, runs: 3 },
          quick: { scenarios: 1_000, lockEntries: 22_432, runs: 2 },
          smoke: { scenarios: 10, lockEntries: 100, runs: 1 },
        }),
      );
    },
  },
  {
    name: 'hash',
    ids: ['hash-throughput'],
    async run(mode) {
      const { benchHashThroughput } = await import('./hash-throughput.js');
      return benchHashThroughput(
        pick(mode, {
          full: { totalBytes: 2e9, fileBytes: 4 << 20 },
          quick: { totalBytes: 256e6, fileBytes: 4 << 20 },
          smoke: { totalBytes: 8e6, fileBytes: 1 << 20 },
        }),
      );
    },
  },
  {
    name: 'plan',
    ids: ['regenerate-plan'],
    async run(mode) {
      const { benchPlan } = await import('./regenerate-noop.js');
      return benchPlan(pick(mode, { full: 100_000, quick: 10_000, smoke: 100 }));
    },
  },
  {
    name: 'noop',
    ids: ['regenerate-noop'],
    async run(mode) {
      const { benchNoop } = await import('./regenerate-noop.js');
      return benchNoop(pick(mode, { full: 1_000, quick: 300, smoke: 10 }));
    },
  },
  {
    name: 'dicom',
    ids: ['dicom-mr', 'dicom-ct'],
    async run(mode, { cli }) {
      const { benchDicomRender } = await import('./dicom-render.js');
      return benchDicomRender({
        ...pick(mode, {
          full: { count: 100 },
          quick: { count: 20 },
          smoke: { count: 2, mrSize: 128, ctSize: 64 },
        }),
        cli,
      });
    },
  },
  {
    name: 'text-scan',
    ids: ['text-scan-still', 'text-scan-small'],
    run: async (mode, { cli }) =>
      (await import('./text-scan.js')).benchTextScan({
        ...pick(mode, {
          full: { stills: 40, smalls: 1000 },
          quick: { stills: 10, smalls: 200 },
          smoke: { stills: 2, smalls: 8 },
        }),
        cli,
      }),
  },
  {
    name: 'video',
    ids: ['video-middle-frame'],
    async run(mode) {
      const { benchVideoMiddleFrame } = await import('./video-middle-frame.js');
      return benchVideoMiddleFrame({
        clips: pick(mode, { full: 30, quick: 8, smoke: 2 }),
        rounds: pick(mode, { full: 5, quick: 3, smoke: 1 }),
      });
    },
  },
  {
    name: 'anchors',
    ids: ['image-chexpert', 'image-full', 'image-mura', 'hdf5-frame', 'nifti-slice', 'wsi-thumbnail'],
    async run(mode, { renderPoolFile, wanted }) {
      const { benchRenderAnchors, RENDER_ANCHOR_SIZES } = await import('./render-anchors.js');
      return benchRenderAnchors(RENDER_ANCHOR_SIZES[mode], renderPoolFile, wanted);
    },
  },
  {
    name: 'guard-history',
    ids: ['guard-history'],
    async run(mode) {
      const { benchGuardHistory } = await import('./guard-history.js');
      return benchGuardHistory({ commits: pick(mode, { full: 200, quick: 100, smoke: 10 }) });
    },
  },
  {
    name: 'memory',
    ids: ['regenerate-rss'],
    async run(mode) {
      const { benchRss } = await import('./regenerate-noop.js');
      return describeScaling(
        benchRss(pick(mode, { full: [1_000, 5_000, 10_000], quick: [300, 1_000, 3_000], smoke: [10, 20] })),
      );
    },
  },
  {
    name: 'memory-kinds',
    ids: ['image', 'dicom', 'hdf5', 'nifti', 'wsi', 'video'].map((k) => `regenerate-rss-${k}`),
    async run(mode, { cli, wanted }) {
      const { benchRssPerKind } = await import('./regenerate-rss-kinds.js');
      // From 1,000 sources: below that a process is still growing its heaps (V8's, the render threads',
      // the recogniser's WebAssembly memory) to their working size. DICOM, one run each on a quiet
      // machine: 346 MB at 250 sources, 394 at 1,000, 409 at 2,000, 369 at 4,000.
      const kinds = this.ids.filter(wanted).map((id) => id.replace('regenerate-rss-', ''));
      return benchRssPerKind(pick(mode, { full: 1000, quick: 100, smoke: 3 }), cli, kinds);
    },
  },
  {
    name: 'labels',
    ids: ['labels-check', 'labels-query'],
    run: async (mode) =>
      (await import('./label-check.js')).benchLabelCheck(
        pick(mode, {
          full: { rows: 224_316, scenarios: 10_000, sample: 1_000, runs: 3 },
          quick: { rows: 22_432, scenarios: 1_000, sample: 100, runs: 2 },
          smoke: { rows: 300, scenarios: 20, sample: 5, runs: 1 },
        }),
      ),
  },
];

/** CheXpert's image count: where a linear fit of the memory figures lands for the largest dataset. */
const CHEXPERT_IMAGES = 224_316;

/**
 * Says how peak memory scales, from the per-count notes of the memory bench (`N sources: M MB peak`):
 * growth per 1,000 sources between the smallest and largest count, and the linear fit at CheXpert's size.
 */
function describeScaling(result: BenchResult): BenchResult {
  const points = (result.notes ?? [])
    .map((n) => /^(\d+) sources: (\d+(?:\.\d+)?) MB peak/.exec(n))
    .filter((m) => m !== null)
    .map((m) => ({ count: Number(m[1]), mb: Number(m[2]) }));
  if (points.length < 2) return result;
  const first = points[0]!;
  const last = points.at(-1)!;
  // Least-squares slope over every count: one noisy point does not decide the trend.
  const mean = (f: (p: { count: number; mb: number }) => number) =>
    points.reduce((s, p) => s + f(p), 0) / points.length;
  const mc = mean((p) => p.count);
  const mm = mean((p) => p.mb);
  const slope = mean((p) => (p.count - mc) * (p.mb - mm)) / mean((p) => (p.count - mc) ** 2);
  const perThousand = slope * 1000;
  const atChexpert = mm + slope * (CHEXPERT_IMAGES - mc);
  result.ratioUnit = ` × the ${first.count.toLocaleString('en')}-source peak`;
  result.notes = [
    ...(result.notes ?? []),
    `scaling: ${perThousand.toFixed(1)} MB more per 1,000 sources (least squares, ${first.count.toLocaleString('en')} to ` +
      `${last.count.toLocaleString('en')}); the line gives ${atChexpert.toFixed(0)} MB at CheXpert's ` +
      `${CHEXPERT_IMAGES.toLocaleString('en')} images`,
  ];
  return result;
}

/** Every figure id the full bench reports, in report order. */
export function benchFigureIds(): string[] {
  return BENCHES.flatMap((b) => b.ids);
}

/** Options of a bench run. */
export interface RunBenchOptions {
  mode: Mode;
  only?: string[];
  outDir: string;
  log?: (line: string) => void;
}

/** Runs the selected benches one after the other and writes report.json and report.md to outDir. */
export async function runBench(options: RunBenchOptions): Promise<BenchReport> {
  const { mode } = options;
  const log = options.log ?? (() => {});
  const selected = options.only?.length
    ? BENCHES.filter((b) => options.only!.some((o) => o === b.name || b.ids.includes(o)))
    : BENCHES;
  if (selected.length === 0) {
    const names = BENCHES.map((b) => b.name).join(', ');
    throw new Error(`--only matches no bench (names: ${names}; or a figure id)`);
  }
  const machine = machineFacts();
  const startedAt = new Date().toISOString();
  const start = performance.now();
  const results: BenchResult[] = [];
  const bundle = await buildCliBundle();
  try {
    for (const bench of selected) {
      log(`bench ${bench.name} (${mode})…`);
      const benchStart = performance.now();
      let produced: BenchResult[];
      try {
        // `--only image-chexpert` runs that figure alone; `--only anchors` runs all of the bench's.
        const named = options.only?.includes(bench.name) ?? true;
        const wanted = (id: string) => named || options.only!.includes(id);
        const out = await bench.run(mode, {
          cli: bundle.file,
          renderPoolFile: bundle.renderPoolFile,
          wanted,
        });
        produced = Array.isArray(out) ? out : [out];
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        produced = bench.ids.map((id) => ({
          id,
          title: id,
          value: Number.NaN,
          unit: '',
          target: '',
          met: false,
          error: message.split('\n').slice(0, 6).join(' '),
        }));
      }
      const seconds = (performance.now() - benchStart) / 1000;
      produced[0]!.seconds = seconds;
      for (const r of produced.slice(1)) r.notes = [...(r.notes ?? []), `timed with ${produced[0]!.id}`];
      results.push(...produced);
      log(
        `  ${seconds.toFixed(1)} s: ${produced.map((r) => `${r.id} ${r.error ? 'error' : r.met ? 'met' : 'missed'}`).join(', ')}`,
      );
    }
  } finally {
    await bundle.dispose();
  }
  machine.loadAtEnd = os.loadavg();
  const report: BenchReport = {
    mode,
    startedAt,
    seconds: (performance.now() - start) / 1000,
    commit: currentCommit(),
    machine,
    results,
  };
  await mkdir(options.outDir, { recursive: true });
  await writeFile(path.join(options.outDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(path.join(options.outDir, 'report.md'), renderMarkdown(report));
  return report;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean' },
      smoke: { type: 'boolean' },
      only: { type: 'string', multiple: true },
      out: { type: 'string' },
    },
  });
  if (values.quick && values.smoke) throw new Error('give --quick or --smoke, not both');
  const mode: Mode = values.smoke ? 'smoke' : values.quick ? 'quick' : 'full';
  const outDir = path.resolve(values.out ?? path.join(import.meta.dirname, '../../bench-results'));
  const only = values.only?.flatMap((o) => o.split(',')).filter(Boolean);
  const report = await runBench({
    mode,
    outDir,
    ...(only ? { only } : {}),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(`${renderMarkdown(report)}\n`);
  process.stderr.write(`report: ${path.join(outDir, 'report.md')} and report.json\n`);
  const failed = report.results.some((r) => r.error);
  const missed = report.results.some((r) => !r.met);
  return failed || (mode === 'full' && missed) ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
