import type { Logger } from '../logger.js';
import type { DatasetCounts } from './commit-record.js';
import type { Plan } from './plan.js';
import type { Renderer } from './renderer.js';
import type { WorkShare } from './work-share.js';

export interface RegenerateOptions {
  repoRoot: string;
  dataRoot: string;
  /** Outputs directory; default: under the per-user cache, one per data root. */
  outDir?: string;
  /** Limit to these datasets; default: every dataset the repository asks for or has locks of. */
  datasets?: readonly string[];
  share?: WorkShare;
  /** Items in flight at once; default: the number of cores. */
  jobs?: number;
  /** Per-item time limit; default 10 minutes. */
  timeoutMs?: number;
  force?: boolean;
  commit?: 'none' | 'local';
  renderer: Renderer;
  logger: Logger;
  /** Where hash caches live; default $CLINICAL_MANIFESTS_CACHE_DIR, $XDG_CACHE_HOME or ~/.cache. */
  cacheDir?: string;
  /** Called once the plan is made, before any work: the CLI prints it. */
  onPlan?: (plan: Plan, outDir: string) => void;
  /** Called as each item settles (the CLI draws a progress bar on a terminal). */
  onProgress?: (done: number, total: number) => void;
  /** Entries above which a lock is split (tests lower it). */
  splitThreshold?: number;
  signal?: AbortSignal;
}

/** One item that could not be brought up to date; its old entry (if any) stays in the lock. */
export interface FailedItem {
  dataset: string;
  output: string;
  source: string;
  reason: string;
}

export interface RegenerateResult {
  outDir: string;
  plan: Plan;
  counts: Record<string, DatasetCounts>;
  failures: FailedItem[];
  /** How many items were rendered, and files hashed: both zero when nothing changed. */
  rendered: number;
  hashed: number;
  /** Lock files written or removed, relative to the repository root. */
  locksWritten: string[];
  locksRemoved: string[];
  tools?: Record<string, string>;
  dataFingerprint?: string;
  commit?: string;
  commitMessage?: string;
}
