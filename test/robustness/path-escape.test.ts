/**
 * Paths that try to leave the data root or the outputs folder, through content files and through
 * symbolic links in the data root: regenerate never reads a file outside the dataset's folder, never
 * writes outside the outputs folder, never records such a file in a lock, and fails with a message
 * rather than an internal error.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../helpers/run-cli.js';
import { makeWorkspace, type Workspace } from '../regenerate/workspace.js';
import { REPO_ROOT } from './built-cli.js';

let ws: Workspace;
/** A PNG outside the data root, 77 × 33 so a lock entry made from it would show. */
let secret: string;

async function png(file: string, width: number, height: number): Promise<void> {
  mkdirSync(path.dirname(file), { recursive: true });
  await sharp({ create: { width, height, channels: 3, background: '#204060' } })
    .png()
    .toFile(file);
}

beforeEach(async () => {
  ws = makeWorkspace({ files: 0 });
  rmSync(path.join(ws.repo, 'manifests/selections'), { recursive: true });
  mkdirSync(path.join(ws.repo, 'manifests/selections'));
  await png(path.join(ws.data, ws.dataset, 'images/inside.png'), 16, 16);
  secret = path.join(ws.root, 'secret/outside.png');
  await png(secret, 77, 33);
});
afterEach(() => ws.cleanup());

function selection(fields: Record<string, unknown>): void {
  writeFileSync(
    path.join(ws.repo, 'manifests/selections/probe.json'),
    JSON.stringify({
      id: 'probe',
      dataset: ws.dataset,
      include: ['images/**/*.png'],
      recipe: { kind: 'image' },
      output_dir: 'bulk',
      ...fields,
    }),
  );
}

function scenario(source: Record<string, unknown>, imageFile = 'real/probe.png'): void {
  const base = JSON.parse(readFileSync(path.join(REPO_ROOT, 'scenarios/scenario_001.json'), 'utf8'));
  mkdirSync(path.join(ws.repo, 'scenarios'), { recursive: true });
  writeFileSync(
    path.join(ws.repo, 'scenarios/scenario_001.json'),
    JSON.stringify({
      ...base,
      image_file: imageFile,
      source: { ...base.source, dataset: ws.dataset, recipe: { kind: 'image' }, ...source },
    }),
  );
}

async function regenerate() {
  const run = await runCliCaptured(
    ['regenerate', '--data-root', ws.data, '--repo', ws.repo, '--out', ws.out, '--jobs', '1'],
    {
      cwd: ws.root,
      env: { ...process.env, CLINICAL_MANIFESTS_CACHE_DIR: ws.cache },
    },
  );
  expect(run.stderr, run.stderr).not.toMatch(/internal error/);
  return run;
}

/** Everything regenerate left: lock texts and the files under the outputs folder and the workspace. */
function lockText(): string {
  const dir = path.join(ws.repo, 'manifests/locks');
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((n) => n.endsWith('.json'))
    .map((n) => readFileSync(path.join(dir, n), 'utf8'))
    .join('\n');
}

/** No trace of the outside file: no lock entry of its size, no output beside it or above the outputs. */
function expectNothingOutside(): void {
  const locks = lockText();
  expect(locks).not.toContain('outside');
  expect(locks).not.toMatch(/"width": ?77/);
  expect(readdirSync(path.join(ws.root, 'secret'))).toEqual(['outside.png']);
  const top = readdirSync(ws.root).sort();
  expect(
    top.filter((n) => !['cache', 'data', 'origin.git', 'outputs', 'repo', 'secret'].includes(n)),
  ).toEqual([]);
}

describe('paths that leave the data root', () => {
  it('a symlink in the dataset folder pointing outside: not followed, not locked, not rendered', async () => {
    symlinkSync(secret, path.join(ws.data, ws.dataset, 'images/link.png'));
    symlinkSync(path.dirname(secret), path.join(ws.data, ws.dataset, 'images/linked-dir'));
    selection({});
    const run = await regenerate();
    expect([0, 1]).toContain(run.code);
    expect(lockText()).toContain('images/inside.png');
    expect(lockText()).not.toContain('link');
    expectNothingOutside();
  });

  it('a scenario whose source is a symlink leading outside fails with symlink-escape', async () => {
    symlinkSync(secret, path.join(ws.data, ws.dataset, 'images/link.png'));
    scenario({ path: 'images/link.png' });
    const run = await regenerate();
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).toMatch(/outside its dataset folder|symlink/);
    expectNothingOutside();
  });

  it.each([
    ['..', () => '../secret/outside.png'],
    ['an absolute path', () => secret],
    ['backslashes', () => '..\\..\\secret\\outside.png'],
  ])('a scenario source path with %s is refused', async (_, sourcePath) => {
    scenario({ path: sourcePath() });
    const run = await regenerate();
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/scenario_001\.json: .*(relative path|NUL|control)/);
    expectNothingOutside();
  });

  // BUG-8 (fixed in 89c785b): a NUL passed the schema and reached fs.realpath as an internal error.
  it('a scenario source path with a NUL byte is refused with a message (BUG-8)', async () => {
    scenario({ path: 'images/inside.png\u0000.txt' });
    const run = await regenerate();
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/scenario_001\.json: /);
    expect(run.stderr).not.toContain(ws.data);
    expectNothingOutside();
  });

  it.each([
    ['..', '../../outside'],
    ['an absolute path', '/tmp/cm-robustness-outside'],
  ])('a scenario image_file (output) with %s is refused', async (_, imageFile) => {
    scenario({ path: 'images/inside.png' }, imageFile);
    const run = await regenerate();
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/scenario_001\.json: .*relative path/);
    expectNothingOutside();
  });

  it('a selection whose globs climb out of the dataset matches nothing outside', async () => {
    selection({ include: ['../../secret/*.png', '../**/*.png', 'images/**/*.png'] });
    const run = await regenerate();
    expect([0, 1]).toContain(run.code);
    expect(lockText()).toContain('images/inside.png');
    expectNothingOutside();
  });

  it('a selection whose output_dir climbs out of the outputs folder is refused', async () => {
    selection({ output_dir: '../../escaped' });
    const run = await regenerate();
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/probe\.json: output_dir .* relative path/);
    expectNothingOutside();
  });
});
