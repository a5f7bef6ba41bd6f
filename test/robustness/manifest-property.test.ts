/**
 * Property: whatever seeded damage a valid content file takes (text cuts, stray tokens, duplicated
 * lines, values swapped for hostile ones), loadJsonFile and validateRepository return findings and
 * never throw; findings name the file with a position; time and memory stay bounded.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../actions/lib/findings/finding.js';
import { loadJsonFile } from '../../actions/lib/repository/load-json-file.js';
import type { SchemaName } from '../../actions/lib/schema/index.js';
import { validateRepository } from '../../actions/lib/validate/validate-repository.js';
import { copyRepositoryContent } from '../helpers/repository-copy.js';
import { mutateJsonText, prng } from './corpus/mutate.js';

const SEED = 20261127;

const FILES: [string, SchemaName][] = [
  ['scenarios/scenario_001.json', 'scenario'],
  ['scenarios/scenario_013.json', 'scenario'],
  ['manifests/datasets/mura.json', 'dataset'],
  ['manifests/datasets/echonet-dynamic.json', 'dataset'],
  ['manifests/policy.json', 'policy'],
];

let root: string;
let cleanup: () => Promise<void>;
const originals = new Map<string, string>();
beforeAll(async () => {
  ({ root, cleanup } = await copyRepositoryContent());
  for (const [file] of FILES) originals.set(file, readFileSync(path.join(root, file), 'utf8'));
});
afterAll(() => cleanup());

function expectFindingsAbout(findings: readonly Finding[], file: string): void {
  for (const f of findings) {
    expect(f.file.startsWith('/') || f.file.includes('..')).toBe(false);
    if (f.file === file && f.line !== undefined) {
      expect(f.line).toBeGreaterThanOrEqual(1);
      expect(f.column ?? 1).toBeGreaterThanOrEqual(1);
    }
  }
}

describe('content files under seeded mutation (property)', () => {
  it('loadJsonFile returns findings for any mutated text and never throws', async () => {
    const rssBefore = process.memoryUsage().rss;
    await fc.assert(
      fc.asyncProperty(fc.nat(FILES.length - 1), fc.integer(), async (which, mutation) => {
        const [file, schema] = FILES[which]!;
        writeFileSync(path.join(root, file), mutateJsonText(originals.get(file)!, prng(mutation)));
        const findings: Finding[] = [];
        const loaded = await loadJsonFile(root, file, schema, findings);
        expect(loaded.file).toBe(file);
        if (loaded.value === undefined) expect(findings.some((f) => f.severity === 'error')).toBe(true);
        expectFindingsAbout(findings, file);
      }),
      { numRuns: 600, seed: SEED },
    );
    for (const [file, text] of originals) writeFileSync(path.join(root, file), text);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * 1024 * 1024);
  }, 60_000);

  it('validateRepository never throws on a repository with one mutated file', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(FILES.length - 1), fc.integer(), async (which, mutation) => {
        const [file] = FILES[which]!;
        writeFileSync(path.join(root, file), mutateJsonText(originals.get(file)!, prng(mutation)));
        try {
          const report = await validateRepository(root);
          expectFindingsAbout(report.findings, file);
        } finally {
          writeFileSync(path.join(root, file), originals.get(file)!);
        }
      }),
      { numRuns: 80, seed: SEED },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 60_000);
});
