// The bench is not a test, but its smoke variant is: every bench runs once at tiny sizes through the
// real entry point (`npm run bench -- --smoke`), so a changed engine API cannot silently break it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BenchReport } from '../../scripts/bench/bench-report.js';
import { benchFigureIds } from '../../scripts/bench/run-bench.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const out = mkdtempSync(path.join(os.tmpdir(), 'cm-bench-smoke-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('npm run bench -- --smoke', () => {
  it('runs every bench once and writes both reports with every figure, anchor and target', () => {
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/bench/run-bench.ts', '--smoke', '--out', out],
      // A guard against a hang only, not a time limit: a loaded machine takes several times longer.
      { cwd: REPO, encoding: 'utf8', timeout: 900_000 },
    );
    // No wall-clock limit here (a busy machine would fail it); the bench itself reports its time.
    expect(child.status, child.stderr).toBe(0);

    const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as BenchReport;
    expect(report.mode).toBe('smoke');
    expect(report.machine.cores).toBeGreaterThan(0);
    expect(report.machine.node).toBe(process.version);
    expect(report.results.map((r) => r.id)).toEqual(benchFigureIds());
    for (const r of report.results) {
      expect(r.error, r.id).toBeUndefined();
      expect(Number.isFinite(r.value), r.id).toBe(true);
      expect(r.target, r.id).not.toBe('');
      expect(typeof r.met, r.id).toBe('boolean');
    }
    // Every comparison with an outside tool measured that tool in the same run.
    for (const id of [
      'validate-scale',
      'hash-throughput',
      'regenerate-noop',
      'dicom-mr',
      'dicom-ct',
      'video-middle-frame',
      'image-chexpert',
      'image-full',
      'image-mura',
      'hdf5-frame',
      'nifti-slice',
      'wsi-thumbnail',
      'regenerate-rss-image',
      'regenerate-rss-dicom',
      'regenerate-rss-hdf5',
      'regenerate-rss-nifti',
      'regenerate-rss-wsi',
      'regenerate-rss-video',
    ])
      expect(report.results.find((r) => r.id === id)?.anchor?.value, id).toBeGreaterThan(0);

    const markdown = readFileSync(path.join(out, 'report.md'), 'utf8');
    expect(markdown).toBe(child.stdout.trimEnd() + '\n');
    for (const r of report.results) expect(markdown).toContain(`| ${r.title} |`);
    // Each render anchor compared the outputs, not only the times: identical pixels at these sizes.
    for (const id of ['image-chexpert', 'image-full', 'image-mura', 'hdf5-frame', 'nifti-slice'])
      expect(report.results.find((r) => r.id === id)?.notes?.join('\n'), id).toMatch(
        /same output: (\d+)\/\1 pixel-identical/,
      );
  }, 900_000);
});
