import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { copyRepositoryContent, editJson } from '../helpers/repository-copy.js';
import { runAction } from '../helpers/run-action.js';

let root: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ root, cleanup } = await copyRepositoryContent()));
afterEach(() => cleanup());

it('succeeds on the clean copy with a summary and outputs', async () => {
  const run = await runAction('validate', root, {});
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout).not.toMatch(/^::error/m);
  expect(run.outputs.errors).toBe('0');
  expect(Number(run.outputs.warnings)).toBeGreaterThan(0);
  expect(run.summary).toMatch(/## clinical-manifests validate/);
  expect(run.summary).toMatch(/### Datasets used/);
  expect(run.summary).toMatch(/CheXpert/);
  const report = JSON.parse(await readFile(run.outputs.report!, 'utf8'));
  expect(report.counts.scenarios).toBeGreaterThanOrEqual(9);
});

it('fails on a broken copy with annotations carrying file and line, all findings in the summary', async () => {
  await editJson(root, 'scenarios/scenario_009.json', (s) => delete s.ground_truth);
  await editJson(root, 'manifests/datasets/mura.json', (d) => {
    d.citation.acknowledgement = '';
  });
  const run = await runAction('validate', root, { 'max-annotations': '1' });
  expect(run.code).toBe(1);
  const annotations = run.stdout.split('\n').filter((l) => l.startsWith('::error title='));
  // Capped at one annotation; the summary still lists every error (the edited acknowledgement also
  // makes CITATIONS.md stale).
  expect(annotations).toHaveLength(1);
  expect(annotations[0]).toMatch(
    /^::error title=[^,]+,file=(CITATIONS\.md|manifests\/datasets\/mura\.json|scenarios\/scenario_009\.json),line=\d+(,col=\d+)?::/,
  );
  expect(run.summary).toContain('scenario_009.json');
  expect(run.summary).toContain('mura.json');
  expect(run.summary).toContain('CITATIONS.md');
  expect(run.outputs.errors).toBe('3');
  expect(run.stdout).toMatch(/::error::validate: 3 errors/);
});
