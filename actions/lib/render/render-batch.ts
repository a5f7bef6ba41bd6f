import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { InputError, messageOf, UsageError } from '../errors.js';
import { writeFileAtomic } from '../fs/write-file-atomic.js';
import type { Recipe } from '../schema/recipe.js';
import type { RenderContext } from './render-context.js';
import { RenderPool } from './render-pool.js';
import { encodeRendered, type RenderedPng } from './rendered-png.js';
import { groupableVideoFrame, renderVideos, VIDEO_GROUP } from './video/render-videos.js';

/** One source to render and where its PNG goes. */
export interface BatchItem {
  input: string;
  output: string;
  recipe: Recipe;
  /** This item's own context (its dataset's folder), over the batch's. */
  context?: Omit<RenderContext, 'sourcePath'>;
}

/** What happened to one item. `error.code` is an InputError's code, `usage`, or `internal`. */
export interface BatchResult {
  input: string;
  output: string;
  ok: boolean;
  error?: { code: string; message: string };
  width?: number;
  height?: number;
  channels?: 1 | 3;
  resolved?: Record<string, unknown>;
}

/** How a batch runs. */
export interface BatchOptions {
  /** Items rendered at once; default: the number of cores. */
  jobs?: number;
  context?: Omit<RenderContext, 'sourcePath'>;
  /** Called after each item, in completion order. */
  onProgress?: (done: number, total: number, result: BatchResult) => void;
  /** Threads that render DICOM and NIfTI; default: a pool of `jobs` threads, closed at the end. */
  pool?: RenderPool;
}

/**
 * Renders items in parallel (at most `jobs` at a time) and writes each PNG atomically, so a failed
 * or interrupted item leaves no partial file. Every item gets a result, in input order; a failure
 * never stops the others. Errors carry a code and a message naming the file, never a stack.
 * Videos (middle or indexed frame) go to ffmpeg in groups, one process per group: see renderVideos.
 */
export async function renderBatch(
  items: readonly BatchItem[],
  options: BatchOptions = {},
): Promise<BatchResult[]> {
  const jobs = Math.max(1, Math.min(options.jobs ?? availableParallelism(), items.length || 1));
  const pool = options.pool ?? new RenderPool(jobs);
  const context = options.context ?? {};
  const results: BatchResult[] = new Array(items.length);
  const units = workUnits(items, jobs);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < units.length) {
      const unit = units[next++]!;
      // A group of videos is decoded by one ffmpeg; anything else is rendered item by item.
      const grouped =
        unit.length > 1
          ? await renderVideos(
              unit.map((i) => ({ file: items[i]!.input, frame: groupableVideoFrame(items[i]!.recipe)! })),
              context,
              { singleThreaded: jobs > 1 },
            )
          : undefined;
      for (const [n, index] of unit.entries()) {
        const item = items[index]!;
        const outcome = grouped?.[n];
        const produce = outcome
          ? async () => {
              if ('error' in outcome) throw outcome.error;
              return encodeRendered(outcome.image);
            }
          : () => pool.render(item.input, item.recipe, { ...context, ...item.context });
        results[index] = await renderOne(item, produce);
        done++;
        options.onProgress?.(done, items.length, results[index]);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: jobs }, worker));
  } finally {
    if (!options.pool) await pool.close();
  }
  return results;
}

/**
 * How `count` clips are dealt into ffmpeg groups for `jobs` jobs (indices 0…count−1 per group):
 * at most VIDEO_GROUP clips a group, a number of groups that is a multiple of `jobs` (every job gets
 * the same share), clips dealt in turn (long and short ones mix). 40 clips on 2 jobs make 4 groups
 * of 10, not 16 + 16 + 8.
 */
export function videoGroups(count: number, jobs: number): number[][] {
  const groups = Math.min(count, Math.ceil(count / VIDEO_GROUP / jobs) * jobs);
  const units: number[][] = Array.from({ length: groups }, () => []);
  for (let n = 0; n < count; n++) units[n % groups]!.push(n);
  return units;
}

/** Units of work: the videos whose frame is the middle or an index in groups, everything else alone. */
function workUnits(items: readonly BatchItem[], jobs: number): number[][] {
  const videos = items.flatMap((item, i) => (groupableVideoFrame(item.recipe) === undefined ? [] : [i]));
  const units = videoGroups(videos.length, jobs).map((group) => group.map((n) => videos[n]!));
  const grouped = new Set(videos);
  items.forEach((_, i) => {
    if (!grouped.has(i)) units.push([i]);
  });
  return units;
}

async function renderOne(item: BatchItem, produce: () => Promise<RenderedPng>): Promise<BatchResult> {
  const base = { input: item.input, output: item.output };
  try {
    const info = await stat(item.input).catch(() => undefined);
    if (!info?.isFile()) throw new InputError('io/not-found', item.input, 'no such file');
    const image = await produce();
    // No fsync: a render output can always be made again; the rename alone keeps it whole.
    await writeFileAtomic(item.output, image.png, { fsync: false }).catch((error: unknown) => {
      throw new InputError('io/write-failed', item.output, `cannot write the PNG (${messageOf(error)})`);
    });
    return {
      ...base,
      ok: true,
      width: image.width,
      height: image.height,
      channels: image.channels,
      resolved: image.resolved,
    };
  } catch (error) {
    return { ...base, ok: false, error: describeError(item.input, error) };
  }
}

/** A failure as data: typed input errors keep their code; anything else names the file. */
export function describeError(input: string, error: unknown): { code: string; message: string } {
  if (error instanceof InputError) return { code: error.code, message: error.message };
  if (error instanceof UsageError) return { code: 'usage', message: `${input}: ${error.message}` };
  const code = (error as NodeJS.ErrnoException)?.code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code))
    return { code: 'io/error', message: `${input}: ${messageOf(error)}` };
  return { code: 'internal', message: `${input}: ${messageOf(error)}` };
}
