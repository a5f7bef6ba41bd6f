/**
 * Benches for regenerate (issues 4 and 7):
 *  - first run vs second run with nothing changed, on N real PNG sources (the real renderer, in
 *    process): target second ≤ 5% of first;
 *  - planning with nothing changed over 100,000 sources (stat calls only, locks split into 256 files,
 *    warm caches): target under 2 s for the whole no-op regenerate;
 *  - peak resident memory of a first regenerate over 1,000 and 10,000 sources, each in its own
 *    process: target under 500 MB and flat as the count grows.
 * Run: `tsx scripts/bench/regenerate-noop.ts [--quick]`; prints BenchResult[] as JSON.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { serializeLock } from '../../actions/lib/locks/lock-format.js';
import { layoutEntries } from '../../actions/lib/locks/lock-layout.js';
import { silentLogger } from '../../actions/lib/logger.js';
import { createDefaultRenderer } from '../../actions/lib/regenerate/default-renderer.js';
import { HashCache, statKeyOf } from '../../actions/lib/regenerate/hash-cache.js';
import { regenerate } from '../../actions/lib/regenerate/regenerate.js';
import type { Renderer } from '../../actions/lib/regenerate/renderer.js';
import { recipeSha256 } from '../../actions/lib/regenerate/work-items.js';
import type { LockEntry } from '../../actions/lib/schema/lock.js';
import type { BenchResult } from './bench-result.js';

const DATASET = 'bench';
const SELECTION = {
  id: 'bench-all',
  dataset: DATASET,
  include: ['src/**/*.png'],
  recipe: { kind: 'image' as const },
  output_dir: 'bulk/bench',
};

export interface Fixture {
  root: string;
  repo: string;
  data: string;
  out: string;
  cache: string;
}

export function fixture(): Fixture {
  const root = mkdtempSync(path.join(os.tmpdir(), 'cm-bench-regen-'));
  const f = {
    root,
    repo: path.join(root, 'repo'),
    data: path.join(root, 'data'),
    out: path.join(root, 'out'),
    cache: path.join(root, 'cache'),
  };
  mkdirSync(path.join(f.repo, 'manifests/selections'), { recursive: true });
  writeFileSync(path.join(f.repo, 'manifests/selections/bench-all.json'), JSON.stringify(SELECTION));
  spawnSync('git', ['init', '-q', f.repo]);
  return f;
}

/** regenerate's folders for a fixture, with nothing logged. */
function fixtureOptions(f: Fixture) {
  return { repoRoot: f.repo, dataRoot: f.data, outDir: f.out, cacheDir: f.cache, logger: silentLogger };
}

/** `count` distinct 64×64 grey PNGs, 100 to a folder as datasets lay them out. */
async function writePngSources(f: Fixture, count: number): Promise<void> {
  const pixels = Buffer.alloc(64 * 64);
  for (let i = 0; i < count; i++) {
    const dir = path.join(f.data, DATASET, 'src', `p${String(Math.floor(i / 100)).padStart(4, '0')}`);
    if (i % 100 === 0) mkdirSync(dir, { recursive: true });
    for (let p = 0; p < pixels.length; p++) pixels[p] = (p * 7 + i * 13) & 0xff;
    await sharp(pixels, { raw: { width: 64, height: 64, channels: 1 } })
      .png()
      .toFile(path.join(dir, `img${i}.png`));
  }
}

/** First run (everything new) against a second with nothing changed, on real PNG sources. */
export async function benchNoop(count: number): Promise<BenchResult> {
  const f = fixture();
  try {
    await writePngSources(f, count);
    const run = () => regenerate({ ...fixtureOptions(f), renderer: createDefaultRenderer() });
    let start = performance.now();
    const first = await run();
    const firstMs = performance.now() - start;
    const locks = readFileSync(path.join(f.repo, 'manifests/locks', `${DATASET}.json`), 'utf8');
    start = performance.now();
    const second = await run();
    const secondMs = performance.now() - start;
    const same = readFileSync(path.join(f.repo, 'manifests/locks', `${DATASET}.json`), 'utf8') === locks;
    const ratio = secondMs / firstMs;
    return {
      id: 'regenerate-noop',
      title: `regenerate twice over ${count} PNG sources, nothing changed the second time`,
      value: secondMs,
      unit: 'ms',
      anchor: { name: 'first run (hash, decode, encode, write all)', value: firstMs, unit: 'ms' },
      target:
        'second run at most 5% of the first; it hashes and decodes nothing and leaves locks byte-identical',
      ratio,
      met: ratio <= 0.05 && second.hashed === 0 && second.rendered === 0 && same,
      notes: [
        `first: rendered ${first.rendered}, hashed ${first.hashed}; second: rendered ${second.rendered}, hashed ${second.hashed}, locks identical: ${same}`,
      ],
    };
  } finally {
    rmSync(f.root, { recursive: true, force: true });
  }
}

const refuse: Renderer = {
  render: () => Promise.reject(new Error('a no-op run must not render')),
  tools: () => Promise.reject(new Error('a no-op run must not ask for tool versions')),
};

/**
 * A no-op regenerate over `count` sources: sources, outputs, a 256-file split lock and warm hash
 * caches are laid down directly (rendering 100,000 images would take the bench an hour), then one
 * regenerate must stat everything and change nothing.
 */
export async function benchPlan(count: number): Promise<BenchResult> {
  const f = fixture();
  try {
    const files = await makePlanFixture(f, count);
    const noop = async () => {
      let planMs = 0;
      const cpu = process.cpuUsage();
      const start = performance.now();
      const result = await regenerate({
        ...fixtureOptions(f),
        renderer: refuse,
        onPlan: () => {
          planMs = performance.now() - start;
        },
      });
      const used = process.cpuUsage(cpu);
      return { result, planMs, totalMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
    };
    // First no-op: the full plan (as after a pull that touched the locks); it leaves a snapshot.
    const full = await noop();
    // Steady state: the snapshot is proven again by stat calls alone.
    const proven = await noop();
    const ok = (r: typeof full.result) =>
      r.hashed === 0 && r.rendered === 0 && r.locksWritten.length + r.locksRemoved.length === 0;
    return {
      id: 'regenerate-plan',
      title: `regenerate with nothing changed over ${count} sources (stat calls only; lock in ${files} file${files === 1 ? '' : 's'})`,
      value: proven.totalMs,
      unit: 'ms',
      target: 'under 2 s',
      met:
        proven.totalMs < 2000 && ok(full.result) && ok(proven.result) && proven.result.plan.proven === count,
      notes: [
        `steady state (no-op snapshot proven by ${2 * count} stats plus the content files): ${proven.totalMs.toFixed(0)} ms wall, ${proven.cpuMs.toFixed(0)} ms CPU (both threads), ${proven.result.plan.proven ?? 0} outputs proven`,
        `full plan (glob walk, ${count} lock entries parsed and checked, hash caches, ${2 * count} stats): ${full.totalMs.toFixed(0)} ms wall, ${full.cpuMs.toFixed(0)} ms CPU, plan printed at ${full.planMs.toFixed(0)} ms`,
        `load average while measuring: ${os.loadavg()[0]!.toFixed(1)} on ${os.availableParallelism()} cores`,
        `unchanged ${full.result.counts[DATASET]?.unchanged}, hashed ${full.result.hashed}, rendered ${full.result.rendered}, lock files written ${full.result.locksWritten.length}`,
      ],
    };
  } finally {
    rmSync(f.root, { recursive: true, force: true });
  }
}

/** Lays down sources, outputs, locks and warm caches for a no-op run; returns the lock file count. */
export async function makePlanFixture(f: Fixture, count: number): Promise<number> {
  {
    const recipe = { kind: 'image' as const };
    const recipeHash = recipeSha256(recipe);
    const sources = await HashCache.load(f.cache, 'sources', f.data);
    mkdirSync(f.out, { recursive: true });
    const outputs = await HashCache.load(f.cache, 'outputs', f.out);
    const entries: LockEntry[] = [];
    for (let i = 0; i < count; i++) {
      const dirName = `p${String(Math.floor(i / 1000)).padStart(4, '0')}`;
      const rel = `src/${dirName}/img${i}.png`;
      const output = `${SELECTION.output_dir}/${rel}.png`;
      const content = Buffer.from(`source ${i}`);
      const sourceFile = path.join(f.data, DATASET, rel);
      const outputFile = path.join(f.out, output);
      if (i % 1000 === 0) {
        mkdirSync(path.dirname(sourceFile), { recursive: true });
        mkdirSync(path.dirname(outputFile), { recursive: true });
      }
      writeFileSync(sourceFile, content);
      writeFileSync(outputFile, content);
      const sha = createHash('sha256').update(content).digest('hex');
      sources.set(`${DATASET}/${rel}`, statKeyOf(statSync(sourceFile)), sha);
      outputs.set(output, statKeyOf(statSync(outputFile)), sha);
      const entry: LockEntry = {
        output,
        source: { path: rel, sha256: sha, size: content.length },
        recipe,
        recipe_sha256: recipeHash,
        output_sha256: sha,
        pixels_sha256: sha,
        width: 64,
        height: 64,
        channels: 1,
      };
      entries.push(entry);
    }
    await Promise.all([sources.save(), outputs.save()]);
    // The same layout regenerate itself writes: one file, or 256 split by hash prefix above 10,000.
    const layout = layoutEntries(DATASET, entries);
    for (const [name, group] of layout) {
      const file = path.join(f.repo, 'manifests/locks', name);
      mkdirSync(path.dirname(file), { recursive: true });
      const lock = { format: 1 as const, dataset: DATASET, tools: { bench: '1' }, entries: group.entries };
      writeFileSync(file, serializeLock(group.shard ? { ...lock, shard: group.shard } : lock));
    }
    return layout.size;
  }
}

/**
 * Peak resident memory of this process image, in KiB. getrusage's maxRSS survives exec on Linux, so a
 * child spawned by a large parent reports at least the parent's size at fork; VmHWM belongs to the
 * exec'd image alone (main thread and workers).
 */
function peakRssKb(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]);
  } catch {
    // Not Linux: maxRSS is the best there is.
  }
  return process.resourceUsage().maxRSS;
}

/** Runs in a child process: one first regenerate over `count` new sources, then reports its peak RSS. */
async function rssChild(count: number): Promise<void> {
  const f = fixture();
  try {
    await writePngSources(f, count);
    const result = await regenerate({ ...fixtureOptions(f), renderer: createDefaultRenderer() });
    process.stdout.write(`${JSON.stringify({ count, rendered: result.rendered, maxRssKb: peakRssKb() })}\n`);
  } finally {
    rmSync(f.root, { recursive: true, force: true });
  }
}

/** Peak RSS of a first regenerate at each count, each in a fresh process. */
export function benchRss(counts: readonly number[]): BenchResult {
  const self = new URL(import.meta.url).pathname;
  const rows = counts.map((count) => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', self, '--rss-child', String(count)], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    if (child.status !== 0) throw new Error(`rss child failed: ${child.stderr}`);
    return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as {
      count: number;
      rendered: number;
      maxRssKb: number;
    };
  });
  const peaks = rows.map((r) => r.maxRssKb / 1024);
  const largest = Math.max(...peaks);
  const growth = peaks.length > 1 ? peaks.at(-1)! / peaks[0]! : 1;
  return {
    id: 'regenerate-rss',
    title: `peak resident memory of a first regenerate over ${counts.join(' and ')} sources`,
    value: largest,
    unit: 'MB',
    target: 'under 500 MB, and flat as the count grows',
    ratio: growth,
    met: largest < 500 && growth < 1.5,
    notes: rows.map((r, i) => `${r.count} sources: ${peaks[i]!.toFixed(0)} MB peak, ${r.rendered} rendered`),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  if (args[0] === '--rss-child') await rssChild(Number(args[1]));
  else {
    const quick = args.includes('--quick');
    const results: BenchResult[] = [
      await benchNoop(quick ? 100 : 1000),
      await benchPlan(quick ? 2000 : 100_000),
    ];
    if (!args.includes('--no-rss')) results.push(benchRss(quick ? [100, 500] : [1000, 10_000]));
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  }
}
