import { createHash } from 'node:crypto';
import { compareCodeUnits } from '../locks/canonical-json.js';

/** A candidate: its stable id (the source path) and its stratum (the values of stratify_by). */
export interface SampleCandidate {
  id: string;
  stratum: string;
}

/** Where a candidate falls in the seed's order: a hash, so no runner, shard or input order changes it. */
function rank(seed: string | number, id: string): string {
  return createHash('sha256')
    .update(`${String(seed)}\0${id}`)
    .digest('hex');
}

/**
 * Picks `n` candidates, the same ones whoever runs it: each candidate is ranked by a hash of the seed
 * and its id, and the lowest ranks win. With strata, n is shared out in proportion to stratum sizes
 * (largest remainder, ties by stratum name), each stratum taking its lowest ranks. Returns the ids in
 * code-unit order.
 */
export function seededSample(
  candidates: readonly SampleCandidate[],
  n: number,
  seed: string | number,
): string[] {
  if (candidates.length <= n) return candidates.map((c) => c.id).sort(compareCodeUnits);
  const strata = new Map<string, { id: string; rank: string }[]>();
  for (const c of candidates) {
    const list = strata.get(c.stratum) ?? strata.set(c.stratum, []).get(c.stratum)!;
    list.push({ id: c.id, rank: rank(seed, c.id) });
  }
  const names = [...strata.keys()].sort(compareCodeUnits);
  const total = candidates.length;
  const quota = new Map(names.map((s) => [s, Math.floor((n * strata.get(s)!.length) / total)]));
  let left = n - [...quota.values()].reduce((a, b) => a + b, 0);
  const byRemainder = [...names].sort((a, b) => {
    const ra = ((n * strata.get(a)!.length) % total) / total;
    const rb = ((n * strata.get(b)!.length) % total) / total;
    return rb - ra || compareCodeUnits(a, b);
  });
  for (const s of byRemainder) {
    if (left === 0) break;
    if (quota.get(s)! < strata.get(s)!.length) {
      quota.set(s, quota.get(s)! + 1);
      left--;
    }
  }
  const picked: string[] = [];
  for (const s of names) {
    const list = strata.get(s)!.sort((a, b) => compareCodeUnits(a.rank, b.rank));
    for (const c of list.slice(0, quota.get(s))) picked.push(c.id);
  }
  return picked.sort(compareCodeUnits);
}
