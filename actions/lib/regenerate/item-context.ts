import type { LockEntry } from '../schema/lock.js';
import type { TextScanContext } from '../text-scan/scan-context.js';
import type { HashCache } from './hash-cache.js';
import type { HashPool } from './hash-pool.js';
import type { Renderer } from './renderer.js';

/** What became of one planned item. */
export type ItemOutcome =
  | { status: 'unchanged'; entry: LockEntry; rendered: boolean }
  | { status: 'added' | 'changed'; entry: LockEntry; rendered: boolean };

/** Everything processing needs, shared by all items of a run. */
export interface ItemContext {
  dataRoot: string;
  outDir: string;
  renderer: Renderer;
  hashPool: HashPool;
  sourceCache: HashCache;
  outputCache: HashCache;
  /** Real path of a dataset folder, resolved once per run. */
  realDir: (dir: string) => Promise<string>;
  timeoutMs?: number;
  /** The burned-in text scan of every output (policy's exemptions and reviews); absent: no scan. */
  textScan?: TextScanContext;
}
