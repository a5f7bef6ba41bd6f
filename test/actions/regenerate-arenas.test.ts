import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '../helpers/repository-copy.js';

// Per-thread glibc arenas made a long regenerate's peak RSS creep up with the number of sources
// (README, Regenerate, verify, locks); the memory bench measures with two, as the action runs.
it('runs the regenerate step with two glibc malloc arenas, as the memory bench measures it', () => {
  const action = parse(readFileSync(path.join(REPO_ROOT, 'actions/regenerate/action.yml'), 'utf8'));
  const step = action.runs.steps.find((s: { id?: string }) => s.id === 'run');
  expect(step.run).toMatch(/^node "\$GITHUB_ACTION_PATH\/dist\/index\.js"$/);
  expect(step.env.MALLOC_ARENA_MAX).toBe('2');
  const bench = readFileSync(path.join(REPO_ROOT, 'scripts/bench/regenerate-rss-kinds.ts'), 'utf8');
  expect(bench).toContain("MALLOC_ARENA_MAX: '2'");
});
