/** The outcome of one task: its value, or the error it failed with (a timeout is an error too). */
export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

/** Thrown into a task's outcome when it exceeded its time limit. */
export class TimeoutError extends Error {
  override name = 'TimeoutError';
}

/**
 * Runs `task` over `items` with at most `concurrency` in flight and a per-item time limit. A task's
 * failure never stops the others. On timeout the task's signal aborts (so a child process is killed)
 * and the item is settled as failed at once, even if the task does not notice.
 */
export async function runPool<T, R>(
  items: readonly T[],
  options: {
    concurrency: number;
    timeoutMs?: number;
    signal?: AbortSignal;
    onSettled?: (item: T, result: Settled<R>) => void;
  },
  task: (item: T, signal: AbortSignal) => Promise<R>,
): Promise<Settled<R>[]> {
  const results: Settled<R>[] = new Array(items.length);
  let next = 0;
  const runOne = async (item: T): Promise<Settled<R>> => {
    const controller = new AbortController();
    const onAbort = () => controller.abort(options.signal?.reason);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    let timer: NodeJS.Timeout | undefined;
    try {
      const work = task(item, controller.signal);
      if (options.timeoutMs === undefined) return { ok: true, value: await work };
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const error = new TimeoutError(`timed out after ${options.timeoutMs} ms`);
          controller.abort(error);
          reject(error);
        }, options.timeoutMs);
      });
      work.catch(() => {}); // a task that fails after its timeout must not become an unhandled rejection
      return { ok: true, value: await Promise.race([work, timeout]) };
    } catch (error) {
      return { ok: false, error };
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    }
  };
  const runner = async () => {
    while (next < items.length) {
      if (options.signal?.aborted) return;
      const index = next++;
      const item = items[index]!;
      const result = await runOne(item);
      results[index] = result;
      options.onSettled?.(item, result);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, items.length)) }, runner));
  return results;
}
