import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyRepositoryContent, editJson } from '../helpers/repository-copy.js';
import { NODE_RUNTIMES } from '../helpers/runner/node-runtimes.js';
import { runAction, STEP_SUMMARY_LIMIT } from '../helpers/runner/run-action.js';

let root: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ root, cleanup } = await copyRepositoryContent()));
afterEach(() => cleanup());

describe.each(NODE_RUNTIMES)('validate action, on %s', (node) => {
  const validate = (inputs: Record<string, string>, workspace = root) =>
    runAction({ action: 'validate', workspace, node, inputs });

  it('succeeds on the clean copy with a summary and outputs', async () => {
    const run = await validate({});
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.runtime).toBe(node);
    expect(run.annotations.filter((a) => a.kind === 'error')).toEqual([]);
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
    const run = await validate({ 'max-annotations': '1' });
    expect(run.code).toBe(1);
    const annotations = run.annotations.filter((a) => a.kind === 'error' && a.title);
    // Capped at one annotation; the summary still lists every error (the edited acknowledgement also
    // makes CITATIONS.md stale).
    expect(annotations).toHaveLength(1);
    expect(annotations[0]!.file).toMatch(
      /^(CITATIONS\.md|manifests\/datasets\/mura\.json|scenarios\/scenario_009\.json)$/,
    );
    expect(annotations[0]!.line).toBeGreaterThan(0);
    expect(run.summary).toContain('scenario_009.json');
    expect(run.summary).toContain('mura.json');
    expect(run.summary).toContain('CITATIONS.md');
    expect(run.outputs.errors).toBe('3');
    expect(run.annotations.at(-1)!.message).toMatch(/^validate: 3 errors/);
  });

  it('annotates paths from the repository root when repo-path is a sub-folder', async () => {
    const { root: outer, cleanup: done } = await copyRepositoryContent();
    try {
      await mkdir(path.join(outer, 'benchmarks'), { recursive: true });
      await cp(root, path.join(outer, 'benchmarks/chest'), { recursive: true });
      await editJson(outer, 'benchmarks/chest/scenarios/scenario_009.json', (s) => delete s.ground_truth);
      const run = await validate({ 'repo-path': 'benchmarks/chest' }, outer);
      expect(run.code).toBe(1);
      const files = run.annotations.filter((a) => a.title).map((a) => a.file);
      expect(files).toContain('benchmarks/chest/scenarios/scenario_009.json');
      for (const file of files) expect(file).toMatch(/^benchmarks\/chest\//);
    } finally {
      await done();
    }
  });

  it('keeps the summary of 5,000 findings under 1 MiB and says what was cut and where the report is', async () => {
    // Four schema errors each: 1,250 empty scenarios make 5,000 errors (and a warning each).
    for (let i = 0; i < 1250; i++)
      await writeFile(path.join(root, 'scenarios', `bad_${String(i).padStart(4, '0')}.json`), '{}\n');
    const run = await validate({});
    expect(run.code).toBe(1);
    expect(Number(run.outputs.errors)).toBe(5000);
    expect(run.summaryDropped).toBe(false);
    expect(run.summaryBytes).toBeLessThan(STEP_SUMMARY_LIMIT);
    // Notices count too: every finding, of any severity, is in the report.
    const report = JSON.parse(await readFile(run.outputs.report!, 'utf8'));
    const total = report.findings.length;
    expect(total).toBeGreaterThanOrEqual(Number(run.outputs.errors) + Number(run.outputs.warnings));
    expect(run.summary).toContain(
      `…and ${total - 1000} more findings not listed here (${total} in all); every finding is in the JSON report at ${run.outputs.report}`,
    );
    // The headline counts all findings, not the 1,000 listed.
    expect(run.summary).toContain(`**5000 errors, ${run.outputs.warnings} warnings**`);
  });
});
