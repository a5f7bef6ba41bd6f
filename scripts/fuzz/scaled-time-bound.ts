/**
 * A per-input time bound that scales with how busy the machine is, shared by the robustness tests
 * (test/robustness/time-bound.ts) and `npm run fuzz`. Healthy inputs take milliseconds (a whole
 * JPEG 2000 frame under a second); a hang or a pathological decoder (seconds per frame, see BUG-3)
 * takes far longer. A fixed bound holds on a quiet machine only: with two CPU-bound processes beside
 * the run every input takes two to three times as long, and the fuzz run's fixed 5 s reported "hangs"
 * that replayed in 3 s. So a fixed mix of work is timed once when the run starts, and the floor grows
 * by how much slower that baseline ran than on a quiet machine.
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';

/** What the baseline work takes on a quiet 2-core machine of this project's kind (measured: 119–135 ms). */
export const QUIET_BASELINE_MS = 140;

/** A fixed mix of the work the robustness tests and the fuzz run do (hashing, JSON, typed-array loops), timed once. */
export function baselineMs(): number {
  const started = performance.now();
  const bytes = new Uint8Array(16 << 20).map((_, i) => (i * 2654435761) >>> 24);
  createHash('sha256').update(bytes).digest();
  const doc = Array.from({ length: 20_000 }, (_, i) => ({ id: `s${i}`, v: [i, i / 3, 'x'] }));
  JSON.parse(JSON.stringify(doc));
  return performance.now() - started;
}

/** The bound in force: `floorMs`, times how much slower than quiet the baseline ran now (never less). */
export function scaledTimeBound(
  floorMs: number,
  measuredMs = baselineMs(),
): { boundMs: number; slowdown: number } {
  const slowdown = Math.max(1, measuredMs / QUIET_BASELINE_MS);
  return { boundMs: Math.round(floorMs * slowdown), slowdown };
}
