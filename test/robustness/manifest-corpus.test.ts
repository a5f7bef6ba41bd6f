/**
 * Bad content files in a copy of the repository: validation never throws, reports each bad file as
 * an error finding with a repository-relative path and a position, never pollutes prototypes, and
 * the `validate` command exits 1 (findings), not 2 (a crash).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../actions/lib/findings/finding.js';
import { validateRepository } from '../../actions/lib/validate/validate-repository.js';
import { copyRepositoryContent } from '../helpers/repository-copy.js';
import { runCliCaptured } from '../helpers/run-cli.js';
import { type ManifestCase, manifestCases } from './corpus/manifest-corpus.js';
import { knownBug } from './known-bugs.js';

/** Cases that are odd but valid content: no error is expected, only no crash. */
const ACCEPTED = new Set([
  'lone-surrogate', // a string JSON allows
  'seed-negative-zero', // -0 is the integer 0
  'window-huge', // finite numbers
  'proto-key', // scenarios keep unknown top-level keys (users' scenarios.json), as own properties
  'constructor-key',
  'key-10mb',
  'source-path-nul', // a string; regenerate refuses to read it (see path-escape.test.ts)
  'selection-glob-escape', // regenerate matches globs inside the dataset folder only (path-escape.test.ts)
  'lock-path-dotdot', // tool-written; verify never reads a source by a lock's path
]);

let root: string;
let cleanup: () => Promise<void>;
let scenarioText: string;
let datasetText: string;
beforeAll(async () => {
  ({ root, cleanup } = await copyRepositoryContent());
  scenarioText = readFileSync(path.join(root, 'scenarios/scenario_001.json'), 'utf8');
  datasetText = readFileSync(path.join(root, 'manifests/datasets/mura.json'), 'utf8');
});
afterAll(() => cleanup());

/** Writes the case into the copy, runs `check`, and puts the copy back as it was. */
async function withCase<T>(c: ManifestCase, check: () => Promise<T>): Promise<T> {
  const full = path.join(root, c.file);
  mkdirSync(path.dirname(full), { recursive: true });
  let original: Buffer | undefined;
  try {
    original = readFileSync(full);
  } catch {
    original = undefined;
  }
  writeFileSync(full, c.content);
  try {
    return await check();
  } finally {
    if (original) writeFileSync(full, original);
    else rmSync(full);
  }
}

function expectWellFormed(findings: readonly Finding[]): void {
  for (const f of findings) {
    expect(f.file.startsWith('/') || f.file.startsWith('..'), f.file).toBe(false);
    expect(f.message.length).toBeGreaterThan(0);
    if (f.line !== undefined) expect(f.line).toBeGreaterThanOrEqual(1);
    if (f.column !== undefined) expect(f.column).toBeGreaterThanOrEqual(1);
  }
}

describe('bad manifests', () => {
  it('validation reports every bad file and never throws', async () => {
    const cases = manifestCases(scenarioText, datasetText);
    expect(cases.length).toBeGreaterThan(50);
    for (const c of cases) {
      if (knownBug(`manifest:${c.name}`)) continue;
      const report = await withCase(c, () => validateRepository(root));
      expectWellFormed(report.findings);
      const errors = report.findings.filter((f) => f.file === c.file && f.severity === 'error');
      if (!ACCEPTED.has(c.name)) expect(errors.length, c.name).toBeGreaterThan(0);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  }, 60_000);

  it('`validate` exits 1 with findings, not 2, on bad files', async () => {
    const cases = manifestCases(scenarioText, datasetText).filter((c) =>
      ['byte-order-mark', 'duplicate-key', 'nested-200', 'null-root', 'seed-1e400', 'lock-bom'].includes(
        c.name,
      ),
    );
    for (const c of cases) {
      const run = await withCase(c, () => runCliCaptured(['validate', '--repo', root, '--format', 'json']));
      expect(run.code, `${c.name}: ${run.stderr}`).toBe(1);
      expect(run.stderr).not.toMatch(/internal error/);
      const report = JSON.parse(run.stdout) as { findings: Finding[] };
      expect(report.findings.some((f) => f.file === c.file && f.severity === 'error')).toBe(true);
    }
  }, 60_000);
});
