/**
 * The render CLI (the built bundle, as a user runs it) on bad inputs: a non-zero exit, a message with
 * the file and a code, nothing half-written in the output folder, and no PHI anywhere it writes.
 * A batch of a few hundred corrupted DICOMs gives one result per input and exits 0 or 1.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuiltCli, runBuiltCli } from './built-cli.js';
import { deflateBombCase, dicomCorpus, manyElementsCase } from './corpus/dicom-corpus.js';
import type { FormatCase } from './corpus/format-case.js';
import { hdf5Corpus } from './corpus/hdf5-corpus.js';
import { niftiCorpus } from './corpus/nifti-corpus.js';
import { pydicomSeeds } from './corpus/pydicom-seeds.js';
import { videoCorpus } from './corpus/video-corpus.js';
import { writerSeeds } from './corpus/writer-seeds.js';
import { knownBug } from './known-bugs.js';
import { phiIn } from './phi.js';

const dir = mkdtempSync(path.join(tmpdir(), 'cm-render-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(() => ensureBuiltCli(), 300_000);

interface Report {
  results: { input: string; output: string; ok: boolean; error?: { code: string; message: string } }[];
}

/** Every file in `out` (recursively): the PNGs that should be there and nothing else. */
function filesIn(out: string): string[] {
  return (readdirSync(out, { recursive: true }) as string[]).sort();
}

/** No PHI in the streams, in the output names, or inside the PNGs written. */
function expectNoPhiAnywhere(run: { stdout: string; stderr: string }, out: string): void {
  expect(phiIn(run.stdout)).toEqual([]);
  expect(phiIn(run.stderr)).toEqual([]);
  for (const name of filesIn(out)) {
    expect(phiIn(name)).toEqual([]);
    expect(phiIn(readFileSync(path.join(out, name)).toString('latin1'))).toEqual([]);
  }
}

/** The render flags that state `recipe` (only the recipes the corpus uses). */
function flagsOf(recipe: FormatCase['recipe']): string[] | undefined {
  if (recipe.kind === 'hdf5') {
    if (recipe.select) return undefined; // --select KEY=VALUE is covered in-process
    return [
      '--dataset',
      recipe.dataset,
      ...(recipe.index !== undefined ? ['--index', String(recipe.index)] : []),
    ];
  }
  if (recipe.kind === 'video' && typeof recipe.frame === 'number') return ['--frame', String(recipe.frame)];
  if (recipe.kind === 'nifti' && typeof recipe.slice === 'number') return ['--slice', String(recipe.slice)];
  if (recipe.kind === 'video' && typeof recipe.frame === 'object') return undefined;
  return [];
}

function cases1(corpus: FormatCase[], kind: string): FormatCase {
  return corpus.find((c) => c.mustFail && !knownBug(`${kind}:${c.name}`) && flagsOf(c.recipe) !== undefined)!;
}

describe('render CLI on bad input', () => {
  for (const kind of ['video', 'hdf5', 'nifti'] as const) {
    it(`${kind}: exit 1, every file failed with a code and its name, no partial PNG, no PHI`, async () => {
      const sub = path.join(dir, kind);
      mkdirSync(sub);
      const corpus: FormatCase[] =
        kind === 'video' ? videoCorpus(sub) : kind === 'hdf5' ? await hdf5Corpus(sub) : niftiCorpus(sub);
      // One run per set of flags; each run renders all its files into one folder.
      const groups = new Map<string, FormatCase[]>();
      // At most eight files a format: the in-process corpus test covers them all.
      for (const c of corpus.filter((c) => c.mustFail && !knownBug(`${kind}:${c.name}`)).slice(0, 8)) {
        const flags = flagsOf(c.recipe);
        if (flags) groups.set(JSON.stringify(flags), [...(groups.get(JSON.stringify(flags)) ?? []), c]);
      }
      expect(groups.size).toBeGreaterThan(0);
      for (const [flags, cases] of groups) {
        const out = path.join(sub, `out-${groups.size}-${cases[0]!.name}`);
        const files = cases.map((c) => c.file);
        const run = await runBuiltCli(
          ['render', kind, ...files, '--out-dir', out, '--format', 'json', ...JSON.parse(flags)],
          sub,
        );
        expect(run.status, run.stderr).toBe(1);
        const report = JSON.parse(run.stdout) as Report;
        expect(report.results.length).toBe(cases.length);
        for (const [i, r] of report.results.entries()) {
          expect(r.ok, cases[i]!.name).toBe(false);
          expect(r.error?.code, `${cases[i]!.name}: ${r.error?.message}`).toMatch(
            new RegExp(`^${kind}/[a-z-]+$`),
          );
          expect(r.error?.message.startsWith(`${files[i]}: `), r.error?.message).toBe(true);
        }
        expect(filesIn(out)).toEqual([]);
        expectNoPhiAnywhere(run, out);
      }
      // And one through -o: the single-file form says the same on stderr.
      const one = cases1(corpus, kind);
      const out = path.join(sub, 'single');
      mkdirSync(out);
      const run = await runBuiltCli(
        ['render', kind, one.file, '-o', path.join(out, 'x.png'), ...flagsOf(one.recipe)!],
        sub,
      );
      expect(run.status, run.stderr).toBe(1);
      expect(run.stdout + run.stderr).toContain(one.file);
      expect(run.stdout + run.stderr).toMatch(new RegExp(`\\[${kind}/[a-z-]+\\]`));
      expect(run.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
      expect(filesIn(out)).toEqual([]);
      expectNoPhiAnywhere(run, out);
    }, 120_000);
  }

  it('a deflate bomb at the default limits: exit 1, dicom/too-large, no PNG, without holding the 1 GB', async () => {
    const bomb = deflateBombCase(1100 * 1024 * 1024);
    const file = path.join(dir, 'bomb.dcm');
    writeFileSync(file, bomb.bytes);
    const out = path.join(dir, 'bomb-out');
    mkdirSync(out);
    // The process reports its peak resident memory as it exits (render threads included).
    const peak = `data:text/javascript,${encodeURIComponent(
      "process.on('exit', () => process.stderr.write('maxrss-kb=' + process.resourceUsage().maxRSS + '\\n'))",
    )}`;
    const run = await runBuiltCli(
      ['render', 'dicom', file, '--out-dir', out, '--format', 'json'],
      dir,
      120_000,
      {
        NODE_OPTIONS: `--import=${peak}`,
      },
    );
    expect(run.status, run.stderr).toBe(1);
    // Inflating to the cap before refusing used to take 1.1 GB; counting the stream takes ~140 MB.
    expect(Number(/maxrss-kb=(\d+)/.exec(run.stderr)?.[1])).toBeLessThan(400 * 1024);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.results.map((r) => r.error?.code)).toEqual(['dicom/too-large']);
    expect(filesIn(out)).toEqual([]);
    expectNoPhiAnywhere(run, out);
  }, 60_000);
});

describe('batch render of corrupted DICOMs', () => {
  it('gives exactly one result per input (an image or a coded error) and exits 0 or 1', async () => {
    // A spread of the corpus: every 12th case, so each kind of damage is represented.
    const all = dicomCorpus([...writerSeeds(), ...pydicomSeeds()]).filter((c) => !knownBug(c.name));
    // And a file flooded with 3 million empty elements (BUG-11: ~160 MB of them used to abort the batch).
    const chosen = [...all.filter((c, i) => i % 12 === 0 && !c.options), manyElementsCase(3_000_000)];
    expect(chosen.length).toBeGreaterThanOrEqual(300);
    const sources = path.join(dir, 'batch');
    mkdirSync(sources);
    const names = chosen.map((c, i) => {
      const name = `case-${String(i).padStart(4, '0')}.dcm`;
      writeFileSync(path.join(sources, name), c.bytes);
      return name;
    });
    const out = path.join(dir, 'batch-out');
    const run = await runBuiltCli(
      ['render', 'dicom', ...names, '--out-dir', out, '--format', 'json', '--jobs', '2'],
      sources,
      180_000,
    );
    expect(run.signal).toBeNull();
    expect([0, 1], run.stderr).toContain(run.status);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.results.map((r) => r.input)).toEqual(names);
    const written: string[] = [];
    for (const [i, r] of report.results.entries()) {
      if (r.ok) {
        written.push(path.basename(r.output));
        continue;
      }
      expect(r.error?.code, `${chosen[i]!.name}: ${r.error?.message}`).toMatch(/^dicom\/[a-z-]+$/);
      expect(r.error?.message.startsWith(path.join(sources, names[i]!)), r.error?.message).toBe(true);
      expect(chosen[i]!.mustFail || r.ok || r.error !== undefined).toBe(true);
    }
    for (const [i, r] of report.results.entries())
      if (chosen[i]!.mustFail) expect(r.ok, chosen[i]!.name).toBe(false);
    // Only whole PNGs: the successful ones, and no temp files from the failed ones.
    expect(filesIn(out)).toEqual(written.sort());
    expect(run.status).toBe(written.length === names.length ? 0 : 1);
    expectNoPhiAnywhere(run, out);
  }, 240_000);
});
