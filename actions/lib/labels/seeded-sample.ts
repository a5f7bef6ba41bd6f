import { compareCodeUnits } from '../locks/canonical-json.js';

/** A candidate: its stable id (the source path) and its stratum (the values of stratify_by). */
export interface SampleCandidate {
  id: string;
  stratum: string;
}

/**
 * Where a candidate falls in the seed's order: a 53-bit hash of the seed and its id (cyrb53: integer
 * arithmetic only, so every runtime and shard computes the same), ties broken by id.
 */
function rank(seed: string, id: string): number {
  const text = `${seed}\0${id}`;
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * Picks `n` candidates, the same ones whoever runs it: each candidate is ranked by a hash of the seed
 * and its id (never by input order), and the lowest ranks win. With strata, n is shared out in proportion to stratum sizes
 * (largest remainder, ties by stratum name), each stratum taking its lowest ranks. Returns the ids in
 * code-unit order.
 */
export function seededSample(
  candidates: readonly SampleCandidate[],
  n: number,
  seed: string | number,
): string[] {
  if (candidates.length <= n) return candidates.map((c) => c.id).sort(compareCodeUnits);
  const strata = new Map<string, { id: string; rank: number }[]>();
  for (const c of candidates) {
    const list = strata.get(c.stratum) ?? strata.set(c.stratum, []).get(c.stratum)!;
    list.push({ id: c.id, rank: rank(String(seed), c.id) });
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
    const list = strata.get(s)!.sort((a, b) => a.rank - b.rank || compareCodeUnits(a.id, b.id));
    for (const c of list.slice(0, quota.get(s))) picked.push(c.id);
  }
  return picked.sort(compareCodeUnits);
}
