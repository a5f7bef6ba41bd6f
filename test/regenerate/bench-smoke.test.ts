// The regenerate benches in miniature, so they never rot (the full bench is `npm run bench`).
import { describe, expect, it } from 'vitest';
import { benchNoop, benchPlan } from '../../scripts/bench/regenerate-noop.js';

describe('regenerate benches (smoke)', () => {
  it('first vs no-op run, and a no-op plan over a laid-down fixture', async () => {
    const noop = await benchNoop(12);
    expect(noop.notes?.[0]).toMatch(/second: rendered 0, hashed 0, locks identical: true/);
    const plan = await benchPlan(300);
    expect(plan.notes?.[0]).toMatch(/300 outputs proven/);
    expect(plan.value).toBeGreaterThan(0);
  }, 120_000);
});
