/**
 * Property: `scenarios import` of any damaged scenarios.json either writes every scenario or none
 * ("nothing is written when any is wrong"), exits 0 or 1, never with an internal error, and never
 * leaves a half-written or temporary file among the scenarios.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyRepositoryContent } from '../helpers/repository-copy.js';
import { runCliCaptured } from '../helpers/run-cli.js';
import { mutateJsonText, prng } from './corpus/mutate.js';

let root: string;
let cleanup: () => Promise<void>;
let exported: string;
let before: Map<string, string>;
const dir = mkdtempSync(path.join(tmpdir(), 'cm-scenarios-import-'));

function scenarioFiles(): Map<string, string> {
  const folder = path.join(root, 'scenarios');
  return new Map(
    readdirSync(folder)
      .filter((n) => !n.startsWith('synthetic_images'))
      .sort()
      .map((n) => [n, readFileSync(path.join(folder, n), 'utf8')]),
  );
}

beforeAll(async () => {
  ({ root, cleanup } = await copyRepositoryContent());
  const run = await runCliCaptured(['scenarios', 'export', '--repo', root]);
  expect(run.code, run.stderr).toBe(0);
  exported = run.stdout;
  before = scenarioFiles();
});
afterAll(async () => {
  await cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('scenarios import under seeded mutation (property)', () => {
  it('writes all or nothing, exits 0 or 1, leaves no temp files', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer(), async (mutation) => {
        const file = path.join(dir, 'scenarios.json');
        const text = mutateJsonText(exported, prng(mutation), 2);
        writeFileSync(file, text);
        const run = await runCliCaptured(['scenarios', 'import', file, '--replace', '--repo', root]);
        expect([0, 1], run.stderr).toContain(run.code);
        expect(run.stderr).not.toMatch(/internal error/);
        const after = scenarioFiles();
        for (const name of after.keys()) expect(name, 'a temp file left behind').toMatch(/^[\w.-]+\.json$/);
        if (run.code !== 0) expect(after).toEqual(before);
        // Put the repository back for the next case.
        for (const name of after.keys()) if (!before.has(name)) rmSync(path.join(root, 'scenarios', name));
        for (const [name, text] of before) writeFileSync(path.join(root, 'scenarios', name), text);
      }),
      { numRuns: 60, seed: 20261127 },
    );
  }, 60_000);

  // BUG-12 (fixed in 39f5a89): import skipped the structural checks (depth, duplicate keys) that
  // validate makes, and JSON.stringify of a 20 000-deep value overflowed the stack.
  it('a scenarios.json nested past the depth limit is refused with a message (BUG-12)', async () => {
    const array = JSON.parse(exported) as Record<string, unknown>[];
    const deep = `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`;
    const text = JSON.stringify(array).replace('"id":', `"deep": ${deep}, "id":`);
    const file = path.join(dir, 'deep.json');
    writeFileSync(file, text);
    const run = await runCliCaptured(['scenarios', 'import', file, '--replace', '--repo', root]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/deep\.json: .*nested deeper/);
    expect(scenarioFiles()).toEqual(before);
  });
});
