/**
 * Bench 2 (issue 7): sha256 of a data root with the regenerate hash pool (all cores), against
 * `openssl dgst -sha256` on the same files in one process (one core). Target: per core, at least 0.9×
 * openssl's throughput. Files are read warm (page cache) for both, so this measures hashing, not disk.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, open, rm } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { HashPool } from '../../actions/lib/regenerate/hash-pool.js';
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

export async function benchHashThroughput(options: {
  totalBytes: number;
  fileBytes: number;
}): Promise<BenchResult> {
  const { dir, files } = await makeDataRoot(options.totalBytes, options.fileBytes);
  const cores = os.availableParallelism();
  try {
    const gb = options.totalBytes / 1e9;
    // Warm the page cache, then time openssl over every file in one process.
    spawnSync('cat', files, { stdio: ['ignore', 'ignore', 'ignore'] });
    let start = performance.now();
    const openssl = spawnSync('openssl', ['dgst', '-sha256', ...files], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    const opensslSeconds = (performance.now() - start) / 1000;
    if (openssl.status !== 0) throw new Error(`openssl failed: ${openssl.stderr}`);

    const pool = new HashPool(cores);
    start = performance.now();
    const hashes = await Promise.all(files.map((f) => pool.hash(f)));
    const poolSeconds = (performance.now() - start) / 1000;
    await pool.close();

    // Same digests, or the comparison means nothing.
    const expected = new Map(
      openssl.stdout
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
      title: `sha256 of a ${gb.toFixed(1)} GB data root (${files.length} files), ${cores} cores`,
      value: poolPerCore,
      unit: 'GB/s per core',
      anchor: { name: '`openssl dgst -sha256`, one process', value: opensslGbps, unit: 'GB/s' },
      target: 'per core at least 0.9× openssl',
      ratio: poolPerCore / opensslGbps,
      met: poolPerCore >= 0.9 * opensslGbps,
      notes: [`pool total ${(gb / poolSeconds).toFixed(2)} GB/s over ${cores} workers`],
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
