/**
 * How much slower `run` gets when its input grows 4×: about 4 for linear work, 16 for quadratic.
 * A ratio of two timings taken back to back (best of three each), so a loaded machine slows both
 * sides alike: tests assert the shape of the cost, never a wall-clock figure.
 */
export async function growthRatio(run: (scale: number) => unknown | Promise<unknown>): Promise<number> {
  const best = async (scale: number) => {
    let fastest = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      await run(scale);
      fastest = Math.min(fastest, performance.now() - started);
    }
    return fastest;
  };
  const small = await best(1);
  const large = await best(4);
  return large / Math.max(small, 1);
}
