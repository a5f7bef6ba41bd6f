/**
 * regenerate over a dataset of corrupted DICOMs (a spread of the bad-DICOM corpus, PHI in every
 * header): every source ends as an entry or a reported failure with a reason, the exit is 1, no
 * failed source leaves an output (whole or partial), and no PHI reaches stdout, stderr or a lock.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseLock } from '../../actions/lib/locks/lock-format.js';
import { runCliCaptured } from '../helpers/run-cli.js';
import { makeWorkspace, type Workspace } from '../regenerate/workspace.js';
import { dicomCorpus } from './corpus/dicom-corpus.js';
import { writerSeeds } from './corpus/writer-seeds.js';
import { knownBug } from './known-bugs.js';
import { phiIn } from './phi.js';

let ws: Workspace;
afterAll(() => ws?.cleanup());

describe('regenerate over corrupted DICOMs', () => {
  it('gives each source an entry or a reported failure, writes no output for failures, leaks no PHI', async () => {
    ws = makeWorkspace({ files: 0 });
    rmSync(path.join(ws.repo, 'manifests/selections'), { recursive: true });
    mkdirSync(path.join(ws.repo, 'manifests/selections'));
    writeFileSync(
      path.join(ws.repo, 'manifests/selections/bad.json'),
      JSON.stringify({
        id: 'bad',
        dataset: ws.dataset,
        include: ['dcm/*.dcm'],
        recipe: { kind: 'dicom' },
        output_dir: 'bulk',
      }),
    );
    const cases = dicomCorpus(writerSeeds()).filter(
      (c, i) => i % 25 === 0 && !c.options && !knownBug(c.name),
    );
    expect(cases.length).toBeGreaterThan(50);
    const dir = path.join(ws.data, ws.dataset, 'dcm');
    mkdirSync(dir, { recursive: true });
    const names = cases.map((c, i) => {
      const name = `s${String(i).padStart(3, '0')}.dcm`;
      writeFileSync(path.join(dir, name), c.bytes);
      return name;
    });
    const run = await runCliCaptured(
      [
        'regenerate',
        '--data-root',
        ws.data,
        '--repo',
        ws.repo,
        '--out',
        ws.out,
        '--jobs',
        '2',
        '--format',
        'json',
      ],
      { cwd: ws.root, env: { ...process.env, CLINICAL_MANIFESTS_CACHE_DIR: ws.cache } },
    );
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).not.toMatch(/internal error/);
    expect(phiIn(run.stdout + run.stderr)).toEqual([]);
    const report = JSON.parse(run.stdout) as {
      failures: { output: string; source: string; reason: string }[];
    };
    const lockDir = path.join(ws.repo, 'manifests/locks');
    const lockFiles = (readdirSync(lockDir, { recursive: true }) as string[]).filter((n) =>
      n.endsWith('.json'),
    );
    const entries = lockFiles.flatMap((n) => {
      const text = readFileSync(path.join(lockDir, n), 'utf8');
      expect(phiIn(text)).toEqual([]);
      return parseLock(text, n).entries;
    });
    const locked = new Set(entries.map((e) => e.source.path));
    const failed = new Set(report.failures.map((f) => f.source));
    for (const [i, name] of names.entries()) {
      const source = `dcm/${name}`;
      expect(
        locked.has(source) !== failed.has(source),
        `${cases[i]!.name}: exactly one of entry or failure`,
      ).toBe(true);
      if (cases[i]!.mustFail) expect(failed.has(source), cases[i]!.name).toBe(true);
    }
    for (const f of report.failures) expect(f.reason.length, f.source).toBeGreaterThan(0);
    // Outputs: one PNG per locked entry, nothing for failures, no temp files.
    const outputs = (readdirSync(ws.out, { recursive: true }) as string[]).filter(
      (n) => !n.endsWith(path.sep) && n.includes('.'),
    );
    expect(outputs.sort()).toEqual(entries.map((e) => e.output).sort());
  }, 120_000);
});
