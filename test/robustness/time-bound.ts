import { scaledTimeBound } from '../../scripts/fuzz/scaled-time-bound.js';

/**
 * The time bound per input in the robustness tests (`npm run fuzz` scales its own --time-bound the
 * same way). The floor of 5 s holds on a quiet machine; on a loaded one the bound grows with a
 * baseline measured when the run starts (scripts/fuzz/scaled-time-bound.ts), so two CPU-bound
 * processes beside `npm test` slow the bound as much as the inputs, and no test fails for the
 * machine's sake.
 */
export const TIME_BOUND_MS = scaledTimeBound(5000).boundMs;
