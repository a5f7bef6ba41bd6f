import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputError, UsageError } from '../errors.js';
import type { Recipe } from '../schema/recipe.js';
import type { RenderContext } from './render-context.js';
import { DeclinedOffThread, isOffThreadRecipe, type OffThreadRecipe } from './render-off-thread-kinds.js';
import { renderSource } from './render-source.js';
import type { RenderJob, SentError } from './render-worker.js';
import { encodeRendered, type RenderedPng } from './rendered-png.js';
import { groupableVideoFrame } from './video/render-videos.js';
import { VideoGroupQueue } from './video-group-queue.js';

/** The bundled worker beside this module's bundle; absent when running from TypeScript sources. */
function bundledWorkerFile(): string | undefined {
  const file = fileURLToPath(new URL('./render-worker.js', import.meta.url));
  return existsSync(file) ? file : undefined;
}

interface Running {
  resolve: (out: RenderedPng) => void;
  reject: (error: unknown) => void;
  cleanup: () => void;
}

/**
 * Renders sources to PNG with up to `size` worker threads, one job per thread at a time, so DICOM
 * and NIfTI renders use every core (the main thread alone capped a 2-core runner at ~1.3 cores).
 * Videos wanted at their middle or an indexed frame go to a VideoGroupQueue (several clips per
 * ffmpeg process, `size` processes at most). Other kinds, and DICOM and NIfTI when no worker bundle
 * exists (tests run from sources), render on the calling thread. Results and errors are the same
 * either way: errors cross as data and are rebuilt into InputError / UsageError with the same code
 * and message. An aborted job's thread is terminated and replaced.
 */
export class RenderPool {
  private readonly workerFile: string | undefined;
  private readonly idle: Worker[] = [];
  private readonly all = new Set<Worker>();
  private readonly waiting: (() => void)[] = [];
  private readonly running = new Map<Worker, Running>();
  private nextId = 0;
  private readonly videos: VideoGroupQueue;

  constructor(
    private readonly size = Math.max(1, os.availableParallelism()),
    workerFile: string | null | undefined = bundledWorkerFile(),
  ) {
    this.workerFile = workerFile ?? undefined;
    this.videos = new VideoGroupQueue(size);
  }

  /**
   * True when this source goes to a worker thread: DICOM, NIfTI and plain JPEGs, whose decoding
   * runs in JavaScript or WebAssembly on the calling thread. The other kinds already work off the
   * main thread (sharp on libvips' threads, video in ffmpeg processes); HDF5 stays because h5wasm
   * costs ~1 s and hundreds of MB to start in each thread.
   */
  offThread(file: string, recipe: Recipe): recipe is OffThreadRecipe {
    return this.workerFile !== undefined && isOffThreadRecipe(file, recipe);
  }

  async render(file: string, recipe: Recipe, context: RenderContext = {}): Promise<RenderedPng> {
    const videoFrame = groupableVideoFrame(recipe);
    if (videoFrame !== undefined) return encodeRendered(await this.videos.render(file, videoFrame, context));
    if (!this.offThread(file, recipe)) return encodeRendered(await renderSource(file, recipe, context));
    try {
      return await this.renderOffThread(file, recipe, context);
    } catch (error) {
      // A JPEG the worker will not decode (progressive, Exif-rotated, CMYK, corrupt...): libvips here.
      if (!(error instanceof DeclinedOffThread) || recipe.kind !== 'image') throw error;
      const { renderImageThroughLibvips } = await import('./image/render-image.js');
      return encodeRendered(await renderImageThroughLibvips(file, recipe));
    }
  }

  private async renderOffThread(
    file: string,
    recipe: OffThreadRecipe,
    context: RenderContext,
  ): Promise<RenderedPng> {
    const { signal, ...rest } = context;
    signal?.throwIfAborted();
    const worker = await this.acquire();
    try {
      signal?.throwIfAborted();
    } catch (error) {
      this.release(worker);
      throw error;
    }
    return new Promise<RenderedPng>((resolve, reject) => {
      const onAbort = () => {
        // A decode cannot be interrupted from outside: end the thread, start another when needed.
        this.discard(worker);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.running.set(worker, {
        resolve,
        reject,
        cleanup: () => signal?.removeEventListener('abort', onAbort),
      });
      const job: RenderJob = { id: this.nextId++, file, recipe, context: rest };
      worker.postMessage(job);
    });
  }

  /** Worker threads alive now (they start on first use, up to the pool's size). */
  get threadCount(): number {
    return this.all.size;
  }

  /** Ends every thread; jobs still running reject. */
  async close(): Promise<void> {
    const workers = [...this.all];
    for (const worker of workers) this.discard(worker, new Error('render pool closed'));
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private async acquire(): Promise<Worker> {
    for (;;) {
      const worker = this.idle.pop();
      if (worker) return worker;
      if (this.all.size < this.size) return this.spawn();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private release(worker: Worker): void {
    if (!this.all.has(worker)) return;
    this.idle.push(worker);
    this.waiting.shift()?.();
  }

  private spawn(): Worker {
    const worker = new Worker(this.workerFile!);
    worker.unref();
    this.all.add(worker);
    worker.on('message', (m: { out?: RenderedPng; error?: SentError }) => {
      const job = this.running.get(worker);
      this.running.delete(worker);
      job?.cleanup();
      this.release(worker);
      if (!job) return;
      if (m.error) job.reject(rebuildError(m.error));
      else
        job.resolve({
          ...m.out!,
          png: Buffer.from(m.out!.png.buffer, m.out!.png.byteOffset, m.out!.png.byteLength),
        });
    });
    worker.on('error', (error) => this.discard(worker, new Error(`render worker failed: ${error.message}`)));
    worker.on('exit', () => this.discard(worker, new Error('render worker exited')));
    return worker;
  }

  /** Forgets a worker (ending it), rejecting its job if it had one, and lets a waiting job spawn. */
  private discard(worker: Worker, reason?: Error): void {
    if (!this.all.delete(worker)) return;
    const index = this.idle.indexOf(worker);
    if (index >= 0) this.idle.splice(index, 1);
    const job = this.running.get(worker);
    this.running.delete(worker);
    job?.cleanup();
    if (job && reason) job.reject(reason);
    void worker.terminate();
    this.waiting.shift()?.();
  }
}

function rebuildError(sent: SentError): Error {
  switch (sent.kind) {
    case 'input':
      return Object.assign(new InputError(sent.code, sent.file, ''), { message: sent.message });
    case 'usage':
      return new UsageError(sent.message);
    case 'declined':
      return new DeclinedOffThread(sent.file);
    default:
      return Object.assign(new Error(sent.message), sent.code ? { code: sent.code } : {});
  }
}
