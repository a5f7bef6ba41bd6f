import { spawnSync } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/repository-copy.js';

/**
 * `npm start` as a new user runs it: the built CLI in a fresh process. The PATH holds only node and
 * git, so the ffmpeg that ships inside the npm package must be found: no system ffmpeg needed.
 */
it('runs synth, validate, regenerate, verify and guard on a machine without a system ffmpeg', () => {
  const bin = mkdtempSync(path.join(tmpdir(), 'cm-path-'));
  symlinkSync(process.execPath, path.join(bin, 'node'));
  const git = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim();
  symlinkSync(git, path.join(bin, 'git'));
  const result = spawnSync(
    process.execPath,
    [path.join(REPO_ROOT, 'scripts/clinical-manifests.js'), 'demo'],
    {
      cwd: REPO_ROOT,
      env: { PATH: bin, HOME: process.env.HOME, NO_COLOR: '1' },
      encoding: 'utf8',
      timeout: 180_000,
    },
  );
  expect(result.stderr).not.toMatch(/internal error/);
  expect(result.status, result.stdout + result.stderr).toBe(0);
  for (const step of ['synth', 'validate', 'regenerate', 'verify', 'guard', 'text-scan']) {
    expect(result.stdout).toMatch(new RegExp(`^✔ ${step}\\s+\\d+\\.\\d s$`, 'm'));
  }
  expect(result.stdout).toMatch(/second run with nothing changed: 0 rendered, 0 hashed, 0 locks written/);
  expect(result.stdout).toMatch(/0 drifted/);
  expect(result.stdout).toMatch(/All 6 steps passed/);
  // issue 16: a burned-in name is caught, and its redacted copy passes.
  expect(result.stdout).toMatch(/made-up name and ID burned in: caught/);
  expect(result.stdout).toMatch(/redacted copy \(\d+ region\(s\) filled\): passes/);
  // No value from a synthetic DICOM header reaches the report.
  for (const phi of ['Doe^Jane', 'MRN-123456', 'St. Example Hospital'])
    expect(result.stdout + result.stderr).not.toContain(phi);
}, 240_000);
