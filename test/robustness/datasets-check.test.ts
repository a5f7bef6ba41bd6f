/**
 * `datasets check --all` over a synthetic data root whose files were damaged at seeded random:
 * cut, overwritten, turned into folders, into symlink loops or into links leading out of the root.
 * It reports what is wrong (exit 0 or 1) and never fails with an internal error.
 */
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../helpers/run-cli.js';
import { ensureBuiltCli, REPO_ROOT, runBuiltCli } from './built-cli.js';
import { prng, type Random } from './corpus/mutate.js';

const dir = mkdtempSync(path.join(tmpdir(), 'cm-datasets-check-'));
const pristine = path.join(dir, 'pristine');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(async () => {
  ensureBuiltCli();
  const run = await runCliCaptured(['synth', '--out', pristine, '--repo', REPO_ROOT]);
  expect(run.code, run.stderr).toBe(0);
}, 120_000);

function damage(root: string, random: Random): void {
  const files = (readdirSync(root, { recursive: true }) as string[])
    .map((n) => path.join(root, n))
    .filter((f) => statSync(f, { throwIfNoEntry: false })?.isFile());
  for (const file of files) {
    const roll = random();
    if (roll > 0.5) continue;
    rmSync(file);
    if (roll < 0.15) writeFileSync(file, Buffer.from('Doe^Jane,MRN-123456\n\0\0\xff'.repeat(3), 'latin1'));
    else if (roll < 0.25) mkdirSync(file);
    else if (roll < 0.3)
      symlinkSync(file, file); // a loop
    else if (roll < 0.35)
      symlinkSync('/etc/hostname', file); // out of the root
    else {
      writeFileSync(file, '');
      truncateSync(file, Math.floor(random() * 64));
    }
  }
}

describe('datasets check on a damaged data root', () => {
  it('reports, never crashes, at 8 seeded damages', async () => {
    for (let round = 0; round < 8; round++) {
      const root = path.join(dir, `round-${round}`);
      cpSync(pristine, root, { recursive: true });
      damage(root, prng(20261127 + round));
      const run = await runCliCaptured([
        'datasets',
        'check',
        '--all',
        '--data-root',
        root,
        '--repo',
        REPO_ROOT,
        '--format',
        'json',
      ]);
      expect([0, 1], `round ${round}: ${run.stderr}`).toContain(run.code);
      expect(run.stderr).not.toMatch(/internal error/);
      expect(() => JSON.parse(run.stdout)).not.toThrow();
    }
  }, 120_000);

  // BUG-13 (fixed in 39f5a89): datasets/hdf5-keys.ts opened files with h5wasm's default error
  // handler, which printed HDF5's 30-line diagnostic stack on the process's stderr.
  it('a damaged HDF5 file is reported without HDF5 diagnostics on stderr (BUG-13)', async () => {
    const root = path.join(dir, 'hdf5-damaged');
    cpSync(pristine, root, { recursive: true });
    const file = path.join(root, 'thyroid-ultrasound/dataset.hdf5');
    const bytes = readFileSync(file);
    bytes[60] = bytes[60]! ^ 0xff;
    writeFileSync(file, bytes);
    const run = await runBuiltCli(
      ['datasets', 'check', 'thyroid-ultrasound', '--data-root', root, '--repo', REPO_ROOT],
      dir,
    );
    expect(run.status).toBe(1);
    expect(run.stderr).not.toMatch(/HDF5-DIAG/);
  });
});
