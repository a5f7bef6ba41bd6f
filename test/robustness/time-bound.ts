import { createHash } from 'node:crypto';

/**
 * The time bound per input in the robustness tests (`npm run fuzz` takes its own, --time-bound).
 * Healthy inputs take milliseconds (a whole JPEG 2000 frame under a second); a hang or a pathological
 * decoder (seconds per frame, see BUG-3) takes far longer. The floor of 5 s holds on a quiet machine; on a loaded one the
 * bound grows with a baseline measured when the run starts, so two CPU-bound processes beside
 * `npm test` slow the bound as much as the inputs, and no test fails for the machine's sake.
 */
const BASE_TIME_BOUND_MS = 5000;

/** What the baseline work takes on a quiet 2-core machine of this project's kind (measured: 119–135 ms). */
const QUIET_BASELINE_MS = 140;

/** A fixed mix of the work the robustness tests do (hashing, JSON, typed-array loops), timed once. */
function baselineMs(): number {
  const started = performance.now();
  const bytes = new Uint8Array(16 << 20).map((_, i) => (i * 2654435761) >>> 24);
  createHash('sha256').update(bytes).digest();
  const doc = Array.from({ length: 20_000 }, (_, i) => ({ id: `s${i}`, v: [i, i / 3, 'x'] }));
  JSON.parse(JSON.stringify(doc));
  return performance.now() - started;
}

/** The bound in force for this run: the floor, scaled by how much slower the machine is now. */
export const TIME_BOUND_MS = Math.round(BASE_TIME_BOUND_MS * Math.max(1, baselineMs() / QUIET_BASELINE_MS));
