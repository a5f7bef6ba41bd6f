/**
 * Property: the pull-request review (buildReview over base and head snapshots of content files)
 * compares any pair of damaged content files without throwing: each side mutated at seeded random
 * (text cuts, stray tokens, hostile values, nesting past the depth limit).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildReview } from '../../actions/lib/review/build-review.js';
import type { Snapshot } from '../../actions/lib/review/snapshot.js';
import { REPO_ROOT } from './built-cli.js';
import { mutateJsonText, prng } from './corpus/mutate.js';

const FILES = [
  'scenarios/scenario_001.json',
  'scenarios/scenario_013.json',
  'manifests/datasets/mura.json',
  'manifests/policy.json',
];
const texts = new Map(FILES.map((f) => [f, readFileSync(path.join(REPO_ROOT, f), 'utf8')]));

function snapshot(mutation: number | undefined): Snapshot {
  const random = mutation === undefined ? undefined : prng(mutation);
  return new Map(
    FILES.map((f) => [f, random && random() < 0.6 ? mutateJsonText(texts.get(f)!, random) : texts.get(f)!]),
  );
}

describe('review under seeded mutation (property)', () => {
  it('builds a report for any damaged base and head', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer(), (baseMutation, headMutation) => {
        const base = snapshot(baseMutation);
        const head = snapshot(headMutation);
        const report = buildReview('main', base, head);
        expect(report).toBeDefined();
      }),
      { numRuns: 300, seed: 20261127 },
    );
  });

  // BUG-14 (fixed in 39f5a89): diffJson recursed once per level; a value nested 50 000 deep on both
  // sides (changed at its leaf) overflowed the stack out of buildReview.
  it('a deep value changed between base and head is compared without throwing (BUG-14)', () => {
    const deep = (leaf: number) => `${'{"a":'.repeat(50_000)}${leaf}${'}'.repeat(50_000)}`;
    const file = FILES[0]!;
    const withDeep = (leaf: number) => texts.get(file)!.replace('"id":', `"deep": ${deep(leaf)}, "id":`);
    const base: Snapshot = new Map([[file, withDeep(1)]]);
    const head: Snapshot = new Map([[file, withDeep(2)]]);
    expect(() => buildReview('main', base, head)).not.toThrow();
  });
});
