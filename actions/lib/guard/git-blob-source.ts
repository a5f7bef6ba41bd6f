import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, writeSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { gitEnv } from '../tools/run-git.js';
import { type ByteSource, bufferSource, fileSource } from './byte-source.js';

/** One blob read from the object store; `dispose` frees its memory or temp file. */
export interface GitBlob {
  oid: string;
  size: number;
  source: ByteSource;
  dispose(): Promise<void>;
}

/** Blobs larger than this go to a temp file instead of memory: history can hold a 2 GB DICOM series. */
export const DEFAULT_SPILL_BYTES = 64 * 1024 * 1024;

const OID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

interface Pending {
  oid: string;
  resolve(blob: GitBlob): void;
  reject(error: Error): void;
}

interface Receiving {
  request: Pending;
  size: number;
  got: number;
  memory?: Buffer;
  fd?: number;
  file?: string;
  notBlob?: string;
}

/**
 * Reads blobs through one long-lived `git cat-file --batch`: a pull request of 200 commits costs one
 * process, not one per blob. Requests are answered in order; several may be outstanding.
 */
export class GitBlobReader {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly queue: Pending[] = [];
  private header: Buffer = Buffer.alloc(0);
  private receiving: Receiving | undefined;
  private trailingNewline = false;
  private spillDir: string | undefined;
  private failed: Error | undefined;
  private stderr = '';

  constructor(
    private readonly root: string,
    private readonly spillBytes = DEFAULT_SPILL_BYTES,
  ) {
    this.child = spawn('git', ['cat-file', '--batch'], { cwd: root, env: gitEnv(), stdio: 'pipe' });
    this.child.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString('utf8')).slice(-4096);
    });
    this.child.stdin.on('error', () => {});
    this.child.on('error', (error) => this.fail(error));
    // Any later read fails at once instead of waiting on a process that is gone.
    this.child.on('close', (code) =>
      this.fail(new UsageError(`git cat-file ended (${code}) in ${root}: ${this.stderr.trim()}`)),
    );
  }

  /** The blob `oid`; rejects when it is missing or not a blob. */
  read(oid: string): Promise<GitBlob> {
    if (!OID.test(oid)) return Promise.reject(new UsageError(`not an object id: ${oid}`));
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      this.queue.push({ oid, resolve, reject });
      this.child.stdin.write(`${oid}\n`);
    });
  }

  /** The whole blob as text (symbolic link targets, small JSON files). */
  async readText(oid: string): Promise<string> {
    const blob = await this.read(oid);
    try {
      return (await blob.source.read(0, blob.size)).toString('utf8');
    } finally {
      await blob.dispose();
    }
  }

  /** Ends the git process and removes the spill folder (blobs not yet disposed lose their files). */
  async close(): Promise<void> {
    this.child.stdin.end();
    if (this.child.exitCode === null && this.child.signalCode === null)
      await new Promise<void>((resolve) => this.child.once('close', () => resolve()));
    if (this.spillDir) await rm(this.spillDir, { recursive: true, force: true });
  }

  private fail(error: Error): void {
    this.failed ??= error;
    if (this.receiving?.fd !== undefined) closeSync(this.receiving.fd);
    const pending = [...(this.receiving ? [this.receiving.request] : []), ...this.queue.splice(0)];
    this.receiving = undefined;
    for (const p of pending) p.reject(error);
  }

  // Output per request: "<oid> blob <size>\n<bytes>\n", or "<oid> missing\n".
  private onData(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.receiving) {
        at = this.receive(chunk, at);
        continue;
      }
      if (this.trailingNewline) {
        this.trailingNewline = false;
        at++;
        continue;
      }
      const newline = chunk.indexOf(0x0a, at);
      if (newline < 0) {
        this.header = Buffer.concat([this.header, chunk.subarray(at)]);
        return;
      }
      const line = Buffer.concat([this.header, chunk.subarray(at, newline)]).toString('latin1');
      this.header = Buffer.alloc(0);
      at = newline + 1;
      this.begin(line);
    }
  }

  private begin(line: string): void {
    const request = this.queue.shift();
    if (!request) {
      this.fail(new UsageError(`git cat-file: unexpected output in ${this.root}`));
      return;
    }
    const [, type, sizeText] = line.split(' ');
    const size = Number(sizeText);
    if (type === 'missing' || !Number.isSafeInteger(size)) {
      request.reject(new UsageError(`object ${request.oid} is missing from ${this.root}`));
      return;
    }
    this.receiving = { request, size, got: 0 };
    // Another type of object still sends its content and newline: read past it, then refuse.
    if (type !== 'blob') this.receiving.notBlob = type;
    else if (size > this.spillBytes) {
      this.spillDir ??= mkdtempSync(path.join(tmpdir(), 'cm-guard-blobs-'));
      this.receiving.file = path.join(this.spillDir, request.oid);
      this.receiving.fd = openSync(this.receiving.file, 'w');
    } else {
      this.receiving.memory = Buffer.allocUnsafe(size);
    }
    if (size === 0) this.finish();
  }

  private receive(chunk: Buffer, at: number): number {
    const r = this.receiving!;
    const take = Math.min(chunk.length - at, r.size - r.got);
    if (r.memory) chunk.copy(r.memory, r.got, at, at + take);
    else if (r.fd !== undefined) writeSync(r.fd, chunk, at, take);
    r.got += take;
    if (r.got === r.size) this.finish();
    return at + take;
  }

  private finish(): void {
    const r = this.receiving!;
    this.receiving = undefined;
    this.trailingNewline = true;
    const { oid } = r.request;
    if (r.notBlob) {
      r.request.reject(new UsageError(`object ${oid} is a ${r.notBlob}, not a blob`));
      return;
    }
    if (r.fd === undefined || !r.file) {
      const memory = r.memory ?? Buffer.alloc(0);
      r.request.resolve({ oid, size: r.size, source: bufferSource(memory), dispose: async () => {} });
      return;
    }
    closeSync(r.fd);
    const file = r.file;
    open(file, 'r').then(
      (handle) =>
        r.request.resolve({
          oid,
          size: r.size,
          source: fileSource(handle, r.size),
          dispose: async () => {
            await handle.close();
            await rm(file, { force: true });
          },
        }),
      (error: Error) => r.request.reject(error),
    );
  }
}
