/**
 * Crash safety beyond test/regenerate/sigkill.test.ts (12 kills of a PNG run without commits): 10
 * more kills at seeded random moments, here of a run over DICOM sources with PHI in their headers
 * and `--commit local`, so kills also land inside git. After every kill each lock is the old or the
 * new one and parses; nothing in the work tree holds PHI; and a rerun completes with the new locks
 * committed. Together: 22 kills.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLock } from '../../actions/lib/locks/lock-format.js';
import { encodeDicom } from '../../actions/lib/synth/dicom/write-dicom.js';
import { imageElements } from '../dicom/synthetic-dicom.js';
import { git, lockBytes, makeWorkspace, type Workspace } from '../regenerate/workspace.js';
import { CLI_BIN, ensureBuiltCli } from './built-cli.js';
import { prng } from './corpus/mutate.js';
import { phiIn } from './phi.js';

const SEED = 20261128;
const ROUNDS = 10;

let ws: Workspace;
beforeAll(() => ensureBuiltCli(), 300_000);
afterAll(() => ws?.cleanup());

const locks = (repo: string) => lockBytes({ repo });

/** Every file of the work tree outside .git, as text: temp files of killed writers included. */
function workTreeText(repo: string): string {
  return (readdirSync(repo, { recursive: true }) as string[])
    .filter((n) => !n.startsWith('.git') && !n.includes(`${path.sep}.git`))
    .map((n) => path.join(repo, n))
    .filter((f) => statSync(f).isFile())
    .map((f) => readFileSync(f, 'latin1'))
    .join('\n');
}

/** 20 CT slices per dataset, with PHI in every header; `shift` changes the pixels. */
function writeSources(shift: number): void {
  for (const dataset of ['ct-alpha', 'ct-beta']) {
    const dir = path.join(ws.data, dataset, 'series');
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < 20; i++) {
      const pixels = Uint16Array.from({ length: 48 * 48 }, (_, p) => ((p * (i + 3) + shift) % 4096) >>> 0);
      writeFileSync(
        path.join(dir, `slice${String(i).padStart(3, '0')}.dcm`),
        encodeDicom({
          elements: imageElements({ rows: 48, columns: 48, bitsStored: 12 }),
          pixelData: pixels,
        }),
      );
    }
  }
}

function args(repo: string, out: string): string[] {
  return [
    CLI_BIN,
    'regenerate',
    '--data-root',
    ws.data,
    '--repo',
    repo,
    '--out',
    out,
    '--jobs',
    '2',
    '--commit',
    'local',
  ];
}

function runToEnd(repo: string, cache: string, out: string) {
  return spawnSync(process.execPath, args(repo, out), {
    encoding: 'utf8',
    env: { ...process.env, CLINICAL_MANIFESTS_CACHE_DIR: cache },
  });
}

describe('regenerate with commits under SIGKILL', () => {
  it(`keeps every lock old or new, valid and PHI-free at ${ROUNDS} kill moments (seed ${SEED}); a rerun finishes`, async () => {
    ws = makeWorkspace({ files: 0 });
    rmSync(path.join(ws.repo, 'manifests/selections'), { recursive: true });
    mkdirSync(path.join(ws.repo, 'manifests/selections'));
    for (const id of ['ct-alpha', 'ct-beta']) {
      writeFileSync(
        path.join(ws.repo, 'manifests/selections', `${id}.json`),
        JSON.stringify({
          id,
          dataset: id,
          include: ['series/*.dcm'],
          recipe: { kind: 'dicom', preset: 'abdomen' },
          output_dir: `bulk/${id}`,
        }),
      );
    }
    git(ws.repo, 'add', 'manifests/selections');
    git(ws.repo, 'commit', '-q', '-m', 'selections');
    writeSources(0);
    const cache = path.join(ws.root, 'cache');
    const first = runToEnd(ws.repo, cache, ws.out);
    expect(first.status, first.stderr).toBe(0);
    const old = locks(ws.repo);
    expect([...old.keys()]).toEqual(['ct-alpha.json', 'ct-beta.json']);
    const oldHead = git(ws.repo, 'rev-parse', 'HEAD').trim();

    writeSources(977);
    const copy = path.join(ws.root, 'copy');
    cpSync(ws.repo, copy, { recursive: true });
    const started = Date.now();
    const clean = runToEnd(copy, path.join(ws.root, 'copy-cache'), path.join(ws.root, 'copy-out'));
    const fullRunMs = Date.now() - started;
    expect(clean.status, clean.stderr).toBe(0);
    const fresh = locks(copy);
    for (const [name, text] of fresh) expect(text).not.toBe(old.get(name));

    const random = prng(SEED);
    let killed = 0;
    for (let round = 0; round < ROUNDS; round++) {
      if (random() < 0.7) {
        // Back to the old commit, no cache: the kill lands somewhere in a full run.
        git(ws.repo, 'reset', '-q', '--hard', oldHead);
        rmSync(path.join(ws.repo, '.git/index.lock'), { force: true });
        rmSync(cache, { recursive: true, force: true });
      }
      const delay = Math.floor(random() * fullRunMs * 1.1);
      const child: ChildProcess = spawn(process.execPath, args(ws.repo, ws.out), {
        env: { ...process.env, CLINICAL_MANIFESTS_CACHE_DIR: cache },
        stdio: 'ignore',
      });
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      await new Promise((r) => setTimeout(r, delay));
      if (child.kill('SIGKILL')) killed++;
      await exited;
      for (const [name, text] of locks(ws.repo)) {
        expect(() => parseLock(text, name)).not.toThrow();
        expect([old.get(name), fresh.get(name)], `round ${round}, ${delay} ms: ${name}`).toContain(text);
      }
      expect(phiIn(workTreeText(ws.repo)), `round ${round}`).toEqual([]);
    }
    expect(killed).toBeGreaterThan(ROUNDS / 2);

    // A kill inside `git commit` may have left .git/index.lock behind; the rerun must still finish.
    const rerun = runToEnd(ws.repo, cache, ws.out);
    expect(rerun.status, rerun.stdout + rerun.stderr).toBe(0);
    expect(locks(ws.repo)).toEqual(fresh);
    expect(git(ws.repo, 'status', '--porcelain', '--', 'manifests/locks').trim()).toBe('');
    const committed = git(ws.repo, 'show', '--name-only', '--format=', 'HEAD').trim().split('\n');
    expect(committed.every((f) => /^manifests\/locks\/[^/]+\.json$/.test(f))).toBe(true);
  }, 180_000);

  it('commits locks a killed run wrote (and half staged) but never committed, on the rerun', async () => {
    // The moment a kill can hit: locks written, `git add` done for one of them, no commit yet.
    writeSources(1234);
    const half = runToEnd(ws.repo, path.join(ws.root, 'cache'), ws.out);
    expect(half.status, half.stderr).toBe(0);
    git(ws.repo, 'reset', '-q', '--soft', 'HEAD~1');
    git(ws.repo, 'reset', '-q', '--', 'manifests/locks/ct-beta.json');
    expect(git(ws.repo, 'status', '--porcelain', '--', 'manifests/locks').trim()).not.toBe('');
    const rerun = runToEnd(ws.repo, path.join(ws.root, 'cache'), ws.out);
    expect(rerun.status, rerun.stdout + rerun.stderr).toBe(0);
    expect(git(ws.repo, 'status', '--porcelain', '--', 'manifests/locks').trim()).toBe('');
    const committed = git(ws.repo, 'show', '--name-only', '--format=', 'HEAD').trim().split('\n').sort();
    expect(committed).toEqual(['manifests/locks/ct-alpha.json', 'manifests/locks/ct-beta.json']);
  }, 120_000);
});
