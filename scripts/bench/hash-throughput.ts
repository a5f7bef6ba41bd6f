/**
 * Bench 2 (issue 7): sha256 of a data root with the regenerate hash pool (all cores), against
 * `openssl dgst -sha256` on the same files in one process (one core). Target: per core, at least 0.9×
 * openssl's throughput. Files are read warm (page cache) for both, so this measures hashing, not disk.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, open, rm } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { type FileHash, HashPool } from '../../actions/lib/regenerate/hash-pool.js';
import type { BenchResult } from './bench-result.js';

async function makeDataRoot(
  totalBytes: number,
  fileBytes: number,
): Promise<{ dir: string; files: string[] }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'cm-bench-hash-'));
  const files: string[] = [];
  const chunk = Buffer.alloc(1 << 20);
  for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 2654435761) >>> 24;
  for (let written = 0, n = 0; written < totalBytes; n++) {
    const file = path.join(dir, `source-${String(n).padStart(5, '0')}.bin`);
    const handle = await open(file, 'w');
    const size = Math.min(fileBytes, totalBytes - written);
    for (let off = 0; off < size; off += chunk.length) {
      chunk[0] = n & 0xff; // every file differs
      await handle.write(chunk, 0, Math.min(chunk.length, size - off));
    }
    await handle.close();
    files.push(file);
    written += size;
  }
  return { dir, files };
}

/** Runs a program, discarding its output; rejects when it fails. */
function runQuiet(file: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${file} exited with ${code}`))));
  });
}

/** Runs the hashing comparison and returns its figure. */
export async function benchHashThroughput(options: {
  totalBytes: number;
  fileBytes: number;
  /** Timed runs of each side; the best counts (default 2). */
  runs?: number;
}): Promise<BenchResult> {
  const { dir, files } = await makeDataRoot(options.totalBytes, options.fileBytes);
  const cores = os.availableParallelism();
  try {
    const gb = options.totalBytes / 1e9;
    // Warm the page cache, then time openssl over every file in one process, and our pool; best of
    // `runs` each, alternating, so a burst of load elsewhere does not land on one side only.
    spawnSync('cat', files, { stdio: ['ignore', 'ignore', 'ignore'] });
    let opensslSeconds = Number.POSITIVE_INFINITY;
    let poolSeconds = Number.POSITIVE_INFINITY;
    let openssl: ReturnType<typeof spawnSync> | undefined;
    let hashes: FileHash[] = [];
    for (let run = 0; run < (options.runs ?? 2); run++) {
      let start = performance.now();
      openssl = spawnSync('openssl', ['dgst', '-sha256', ...files], {
        encoding: 'utf8',
        maxBuffer: 64 << 20,
      });
      opensslSeconds = Math.min(opensslSeconds, (performance.now() - start) / 1000);
      if (openssl.status !== 0) throw new Error(`openssl failed: ${openssl.stderr}`);

      // A new pool each time: starting its workers is part of what a regenerate run pays.
      const pool = new HashPool(cores);
      start = performance.now();
      hashes = await Promise.all(files.map((f) => pool.hash(f)));
      poolSeconds = Math.min(poolSeconds, (performance.now() - start) / 1000);
      await pool.close();
    }
    // What the hardware gives per core when every core hashes: openssl in one process per core.
    const start = performance.now();
    await Promise.all(
      Array.from({ length: cores }, (_, c) =>
        runQuiet('openssl', ['dgst', '-sha256', ...files.filter((_, i) => i % cores === c)]),
      ),
    );
    const opensslAllCoresPerCore = gb / ((performance.now() - start) / 1000) / cores;

    // Same digests, or the comparison means nothing.
    const expected = new Map(
      String(openssl!.stdout)
        .trim()
        .split('\n')
        .map((l) => [/^SHA2?-?256\((.*)\)= (\w+)$/.exec(l)![1]!, /= (\w+)$/.exec(l)![1]!]),
    );
    files.forEach((f, i) => {
      if (expected.get(f) !== hashes[i]!.sha256) throw new Error(`digest mismatch for ${f}`);
    });
    const opensslGbps = gb / opensslSeconds;
    const poolPerCore = gb / poolSeconds / cores;
    return {
      id: 'hash-throughput',
      title: `sha256 of a ${gb >= 1 ? gb.toFixed(1) : gb.toFixed(2)} GB data root (${files.length} files), ${cores} cores`,
      value: poolPerCore,
      unit: 'GB/s per core',
      anchor: { name: '`openssl dgst -sha256`, one process', value: opensslGbps, unit: 'GB/s' },
      target: 'per core at least 0.9× openssl',
      ratio: poolPerCore / opensslGbps,
      met: poolPerCore >= 0.9 * opensslGbps,
      notes: [
        `pool total ${(gb / poolSeconds).toFixed(2)} GB/s over ${cores} workers (worker start-up included)`,
        `openssl in ${cores} processes at once (one per core): ${opensslAllCoresPerCore.toFixed(2)} GB/s per core; ` +
          `the pool reaches ${(poolPerCore / opensslAllCoresPerCore).toFixed(2)}× that`,
        `best of ${options.runs ?? 2} runs each, files read from the page cache`,
      ],
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
