// SIGKILL at seeded random moments: every lock stays old or new and valid, and a rerun finishes.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLock } from '../../actions/lib/locks/lock-format.js';
import { createPrng } from '../../actions/lib/synth/prng.js';
import { git, lockBytes, makeWorkspace, type Workspace } from './workspace.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'scripts/clinical-manifests.js');
const SEED = 20261127;

const locks = (repo: string) => lockBytes({ repo });

let ws: Workspace;

async function writeImages(dataset: string, prefix: string, count: number, shade: number): Promise<void> {
  mkdirSync(path.join(ws.data, dataset, prefix), { recursive: true });
  for (let i = 0; i < count; i++) {
    await sharp({
      create: {
        width: 96,
        height: 64,
        channels: 3,
        background: { r: (i * 7 + shade) % 256, g: shade, b: 90 },
      },
    })
      .png()
      .toFile(path.join(ws.data, dataset, prefix, `img${String(i).padStart(3, '0')}.png`));
  }
}

function cli(repo: string, out: string): string[] {
  return [CLI, 'regenerate', '--data-root', ws.data, '--repo', repo, '--out', out, '--jobs', '2'];
}

function runToEnd(repo: string, cache: string, out: string) {
  return spawnSync(process.execPath, cli(repo, out), {
    encoding: 'utf8',
    env: { ...process.env, CLINICAL_MANIFESTS_CACHE_DIR: cache },
  });
}

beforeAll(() => {
  if (!existsSync(path.join(ROOT, 'dist/cli.js')))
    spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
});
afterAll(() => ws?.cleanup());

describe('regenerate under SIGKILL', () => {
  it(`leaves every lock old or new and valid at any kill moment (seed ${SEED}), and a rerun finishes`, async () => {
    ws = makeWorkspace({ files: 0 });
    // Two datasets of real PNG sources, so a kill can fall between the two lock writes.
    const selection = (id: string, dir: string) => ({
      id,
      dataset: id,
      include: [`${dir}/*.png`],
      recipe: { kind: 'image' },
      output_dir: `bulk/${id}`,
    });
    const { writeFileSync, rmSync } = await import('node:fs');
    rmSync(path.join(ws.repo, 'manifests/selections'), { recursive: true });
    mkdirSync(path.join(ws.repo, 'manifests/selections'));
    for (const [id, dir] of [
      ['alpha', 'a'],
      ['beta', 'b'],
    ] as const) {
      writeFileSync(
        path.join(ws.repo, 'manifests/selections', `${id}.json`),
        JSON.stringify(selection(id, dir)),
      );
    }
    await writeImages('alpha', 'a', 30, 10);
    await writeImages('beta', 'b', 30, 20);
    const cache = path.join(ws.root, 'cache');
    const first = runToEnd(ws.repo, cache, ws.out);
    expect(first.status, first.stderr).toBe(0);
    const old = locks(ws.repo);
    expect([...old.keys()]).toEqual(['alpha.json', 'beta.json']);

    // Change every source; the expected new locks come from an undisturbed run in a copy.
    await writeImages('alpha', 'a', 30, 110);
    await writeImages('beta', 'b', 30, 120);
    const copy = path.join(ws.root, 'copy');
    cpSync(ws.repo, copy, { recursive: true });
    const started = Date.now();
    const clean = runToEnd(copy, path.join(ws.root, 'copy-cache'), path.join(ws.root, 'copy-out'));
    const fullRunMs = Date.now() - started;
    expect(clean.status, clean.stderr).toBe(0);
    const fresh = locks(copy);
    for (const [name, text] of fresh) expect(text).not.toBe(old.get(name));

    // Seeded, so a failing sequence of kill delays can be replayed.
    const random = createPrng(SEED).next;
    let killedMidway = 0;
    for (let round = 0; round < 12; round++) {
      // Most rounds start again from the old locks with no cache, so kills land all over a full run;
      // the others continue from whatever the last kill left.
      if (random() < 0.75) {
        for (const [name, text] of old) writeFileSync(path.join(ws.repo, 'manifests/locks', name), text);
        rmSync(cache, { recursive: true, force: true });
        if (random() < 0.5) rmSync(ws.out, { recursive: true, force: true });
      }
      const delay = Math.floor(random() * fullRunMs * 1.1);
      const child: ChildProcess = spawn(process.execPath, cli(ws.repo, ws.out), {
        env: { ...process.env, CLINICAL_MANIFESTS_CACHE_DIR: cache },
        stdio: 'ignore',
      });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      await new Promise((r) => setTimeout(r, delay));
      if (child.kill('SIGKILL')) killedMidway++;
      await exited;
      for (const [name, text] of locks(ws.repo)) {
        expect(() => parseLock(text, name)).not.toThrow();
        expect([old.get(name), fresh.get(name)], `round ${round}, delay ${delay} ms: ${name}`).toContain(
          text,
        );
      }
    }
    expect(killedMidway).toBeGreaterThan(0);
    const rerun = runToEnd(ws.repo, cache, ws.out);
    expect(rerun.status, rerun.stderr).toBe(0);
    expect(locks(ws.repo)).toEqual(fresh);
    // Temp files from killed writers are cleaned up by the next write, and never look like locks.
    expect(
      git(ws.repo, 'status', '--porcelain', '--untracked-files=all', '--', 'manifests')
        .split('\n')
        .filter(Boolean)
        .every((l) => l.endsWith('.json')),
    ).toBe(true);
  }, 180_000);
});
