import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/repository-copy.js';
import { runCliCaptured } from '../helpers/run-cli.js';
import { frameWithText, MACHINE_FRAME, NAME_FRAME } from './frames.js';

const dir = mkdtempSync(path.join(tmpdir(), 'cm-scan-text-'));
const named = path.join(dir, 'named.png');
const machine = path.join(dir, 'machine.png');
const blank = path.join(dir, 'blank.png');
beforeAll(async () => {
  writeFileSync(named, await frameWithText(NAME_FRAME));
  writeFileSync(machine, await frameWithText(MACHINE_FRAME));
  writeFileSync(blank, await frameWithText([]));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('clinical-manifests scan-text', () => {
  it('exits 1 on identifying text and prints counts and categories, never the words', async () => {
    const r = await runCliCaptured(['scan-text', named, machine, blank], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^IDENTIFYING {2}.*named\.png: \d+ text region\(s\), [1-9]\d* identifying/m);
    expect(r.stdout).toMatch(/^clean {8}.*machine\.png: [1-9]\d* text region\(s\), 0 identifying/m);
    expect(r.stdout).toMatch(/^clean {8}.*blank\.png: 0 text region\(s\)/m);
    expect(r.stdout).not.toMatch(/HALVORSEN|GRETA|5530917/i);
  });

  it('shows the words only with --show-text', async () => {
    const r = await runCliCaptured(['scan-text', '--show-text', named], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/HALVORSEN/);
  });

  it('--format json: {input, identifying, text_regions, categories} per input, with no text', async () => {
    const r = await runCliCaptured(['scan-text', '--format', 'json', named, machine], { cwd: dir });
    const { results } = JSON.parse(r.stdout) as { results: Record<string, unknown>[] };
    expect(results.map((x) => x.identifying)).toEqual([true, false]);
    expect(results[0]!.categories).toEqual(expect.arrayContaining(['name', 'id']));
    expect(results[1]!.categories).toEqual(expect.arrayContaining(['ultrasound-index', 'depth']));
    expect(results[0]!.engine).toMatchObject({ engine: 'tesseract-wasm' });
    expect(r.stdout).not.toMatch(/HALVORSEN|"text"/);
    expect(r.code).toBe(1);
  });

  it('exits 0 when nothing is identifying, 2 on an unreadable input', async () => {
    expect((await runCliCaptured(['scan-text', machine, blank], { cwd: dir })).code).toBe(0);
    const missing = await runCliCaptured(['scan-text', path.join(dir, 'missing.png')], { cwd: dir });
    expect(missing.code).toBe(2);
  });

  it('runs with networking removed (unshare -n): model and WebAssembly come from node_modules', () => {
    const cli = path.join(REPO_ROOT, 'scripts/clinical-manifests.js');
    expect(existsSync(path.join(REPO_ROOT, 'dist/cli.js')), 'build the CLI first (npm test does)').toBe(true);
    const r = spawnSync('unshare', ['-n', process.execPath, cli, 'scan-text', named, blank], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status, r.stdout).toBe(1);
    expect(r.stdout).toMatch(/^IDENTIFYING {2}.*named\.png/m);
    // Proof the namespace really has no network: a connection to anything fails at once.
    const probe = spawnSync(
      'unshare',
      [
        '-n',
        process.execPath,
        '-e',
        "require('net').connect(53,'1.1.1.1').on('error',e=>{console.log(e.code)})",
      ],
      { encoding: 'utf8', timeout: 20_000 },
    );
    expect(probe.stdout.trim()).toMatch(/ENETUNREACH|EHOSTUNREACH|ECONNREFUSED/);
  });
});
