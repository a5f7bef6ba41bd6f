import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { STAT_KEY_EXPRESSION, type StatKey } from './hash-cache.js';

/** A file's sha256 and the stat key it was read under. */
export interface FileHash {
  sha256: string;
  size: number;
  key: StatKey;
}

// Plain CommonJS evaluated in each worker, so the pool works the same from sources and from bundles.
// It fstat()s before and after reading: a file that changed while being read is an error, not a hash.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const { createHash } = require('node:crypto');
const buffer = Buffer.allocUnsafe(1 << 20);
const keyOf = (st) => ${STAT_KEY_EXPRESSION};
parentPort.on('message', ({ id, file }) => {
  let fd;
  try {
    fd = fs.openSync(file, 'r');
    const before = fs.fstatSync(fd);
    if (!before.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTFILE' });
    const hash = createHash('sha256');
    let size = 0;
    for (;;) {
      const n = fs.readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      hash.update(buffer.subarray(0, n));
      size += n;
    }
    const after = fs.fstatSync(fd);
    if (keyOf(before) !== keyOf(after) || size !== after.size) {
      throw Object.assign(new Error('changed while being read'), { code: 'ECHANGED' });
    }
    parentPort.postMessage({ id, sha256: hash.digest('hex'), size, key: keyOf(after) });
  } catch (error) {
    parentPort.postMessage({ id, error: error.code || 'EIO', message: error.message });
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
});
`;

type Pending = { resolve: (h: FileHash) => void; reject: (e: Error) => void };

/**
 * sha256 of whole files on worker threads, one per core by default. Node's hash.update runs on the
 * calling thread, so hashing on the main thread would use one core however many reads are in flight.
 */
export class HashPool {
  private workers: Worker[] = [];
  private idle: Worker[] = [];
  private queue: { file: string; pending: Pending }[] = [];
  private pending = new Map<number, Pending>();
  private owner = new Map<Worker, number>();
  private nextId = 0;
  /** Files hashed so far: a run with nothing changed leaves it at zero. */
  hashed = 0;

  private readonly size: number;

  /** At most `jobs` workers: never more than the cores (hashing is CPU-bound), never fewer than one. */
  constructor(jobs = os.availableParallelism()) {
    this.size = Math.max(1, Math.min(jobs, os.availableParallelism()));
  }

  /** Hashes one file; rejects with an Error whose `code` is the read error (ENOENT, ECHANGED, …). */
  hash(file: string): Promise<FileHash> {
    this.hashed++;
    return new Promise((resolve, reject) => {
      this.queue.push({ file, pending: { resolve, reject } });
      this.pump();
    });
  }

  /** Stops every worker; pending hashes reject. */
  async close(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    this.idle = [];
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const worker = this.idle.pop() ?? this.spawn();
      if (!worker) return;
      const { file, pending } = this.queue.shift()!;
      const id = this.nextId++;
      this.pending.set(id, pending);
      this.owner.set(worker, id);
      worker.postMessage({ id, file });
    }
  }

  private spawn(): Worker | undefined {
    if (this.workers.length >= this.size) return undefined;
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    worker.unref();
    worker.on(
      'message',
      (m: { id: number; sha256?: string; size?: number; key?: string; error?: string; message?: string }) => {
        const pending = this.pending.get(m.id);
        this.pending.delete(m.id);
        this.owner.delete(worker);
        this.idle.push(worker);
        if (pending) {
          if (m.error) pending.reject(Object.assign(new Error(m.message ?? m.error), { code: m.error }));
          else pending.resolve({ sha256: m.sha256!, size: m.size!, key: m.key! });
        }
        this.pump();
      },
    );
    worker.on('error', (error) => {
      const id = this.owner.get(worker);
      if (id !== undefined) this.pending.get(id)?.reject(error);
      this.workers = this.workers.filter((w) => w !== worker);
      this.pump();
    });
    this.workers.push(worker);
    return worker;
  }
}
