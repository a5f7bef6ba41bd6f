/**
 * The time bound per input in the robustness tests. Healthy inputs here take milliseconds (a whole
 * JPEG 2000 frame under a second); the bound is generous because `npm test` runs files side by side
 * on a loaded machine, and still far below what a hang or a pathological decoder (seconds per
 * frame, see BUG-3) takes. `npm run fuzz` uses the same bound.
 */
export const TIME_BOUND_MS = 5000;
