import os from 'node:os';
import { realpathOnce } from '../fs/real-paths.js';
import type { Logger } from '../logger.js';
import { textScanContext } from '../text-scan/scan-context.js';
import type { HashCache } from './hash-cache.js';
import { HashPool } from './hash-pool.js';
import type { PlannedItem } from './plan.js';
import { type ItemOutcome, processItem } from './process-item.js';
import type { FailedItem } from './regenerate-types.js';
import type { Renderer } from './renderer.js';
import { itemFailure } from './run-failures.js';
import { runPool } from './run-pool.js';
import { videoSlotStages } from './video-slots.js';

const DEFAULT_TIMEOUT_MS = 10 * 60_000;

/** What running the stale items gave: an outcome per output done, a failure per output not. */
export interface ItemsRun {
  outcomes: Map<string, ItemOutcome>;
  failures: FailedItem[];
  rendered: number;
  hashed: number;
}

/**
 * Brings each stale item up to date through processItem, `jobs` at a time (clips that decode
 * together get more slots), each with its own time limit. A failure never stops the others; the
 * hash caches are saved even when the run is aborted.
 */
export async function runItems(
  work: readonly PlannedItem[],
  env: {
    repoRoot: string;
    dataRoot: string;
    outDir: string;
    renderer: Renderer;
    sourceCache: HashCache;
    outputCache: HashCache;
    logger: Logger;
    jobs?: number;
    timeoutMs?: number;
    signal?: AbortSignal;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<ItemsRun> {
  const run: ItemsRun = { outcomes: new Map(), failures: [], rendered: 0, hashed: 0 };
  if (work.length === 0) return run;
  const jobs = Math.max(1, env.jobs ?? os.availableParallelism());
  const hashPool = new HashPool(jobs);
  const ctx = {
    dataRoot: env.dataRoot,
    outDir: env.outDir,
    renderer: env.renderer,
    hashPool,
    sourceCache: env.sourceCache,
    outputCache: env.outputCache,
    realDir: realpathOnce(),
    timeoutMs: env.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    textScan: await textScanContext(env.repoRoot, env.logger),
  };
  let done = 0;
  try {
    for (const stage of videoSlotStages(work, (p) => p.item.recipe, jobs)) {
      await runPool<PlannedItem, ItemOutcome>(
        stage.items,
        {
          concurrency: stage.concurrency,
          timeoutMs: ctx.timeoutMs,
          ...(env.signal ? { signal: env.signal } : {}),
          onSettled: (planned, result) => {
            done++;
            if (result.ok) {
              run.outcomes.set(planned.item.output, result.value);
              if (result.value.rendered) run.rendered++;
            } else run.failures.push(itemFailure(planned.item, result.error, env.dataRoot));
            env.onProgress?.(done, work.length);
            if (done % 100 === 0 || done === work.length) env.logger.info(`processed ${done}/${work.length}`);
          },
        },
        (planned, signal) => processItem(planned, ctx, signal),
      );
    }
  } finally {
    run.hashed = hashPool.hashed;
    await hashPool.close();
    await Promise.all([env.sourceCache.save(), env.outputCache.save()]);
  }
  return run;
}
