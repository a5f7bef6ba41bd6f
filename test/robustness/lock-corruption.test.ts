/**
 * Corrupted and tampered lock files (a pull request can change them): `verify` and `regenerate` end
 * in findings or a typed error, never an internal error; a regenerate after a corrupted lock leaves
 * a valid one; and a lock's paths cannot make verify read outside the data root or the outputs.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLock } from '../../actions/lib/locks/lock-format.js';
import { runCliCaptured } from '../helpers/run-cli.js';
import { makeWorkspace, type Workspace } from '../regenerate/workspace.js';
import { mutateJsonText, prng } from './corpus/mutate.js';

let ws: Workspace;
let lockFile: string;
let lockText: string;
let secretSha: string;

async function cli(...argv: string[]) {
  const run = await runCliCaptured(argv, {
    cwd: ws.root,
    env: { ...process.env, CLINICAL_MANIFESTS_CACHE_DIR: ws.cache },
  });
  expect(run.stderr, run.stderr).not.toMatch(/internal error/);
  return run;
}
const verify = (...extra: string[]) =>
  cli('verify', '--data-root', ws.data, '--repo', ws.repo, '--format', 'json', ...extra);
const regenerate = () =>
  cli('regenerate', '--data-root', ws.data, '--repo', ws.repo, '--out', ws.out, '--jobs', '1');

beforeAll(async () => {
  ws = makeWorkspace({ files: 0 });
  for (let i = 0; i < 3; i++) {
    const file = path.join(ws.data, ws.dataset, 'images', `p${i}.bin`);
    mkdirSync(path.dirname(file), { recursive: true });
    await sharp({ create: { width: 20 + i, height: 10, channels: 3, background: '#336699' } })
      .png()
      .toFile(file);
  }
  const secret = path.join(ws.root, 'secret.bin');
  writeFileSync(secret, 'a file outside the data root');
  secretSha = createHash('sha256').update(readFileSync(secret)).digest('hex');
  const first = await regenerate();
  expect(first.code, first.stdout + first.stderr).toBe(0);
  const dir = path.join(ws.repo, 'manifests/locks');
  lockFile = path.join(
    dir,
    (readdirSync(dir, { recursive: true }) as string[]).find((n) => n.endsWith('.json'))!,
  );
  lockText = readFileSync(lockFile, 'utf8');
}, 60_000);
afterAll(() => ws?.cleanup());

describe('corrupted locks', () => {
  it('verify and regenerate give findings or typed errors for any mutated lock; regenerate leaves it valid', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer(), async (mutation) => {
        writeFileSync(lockFile, mutateJsonText(lockText, prng(mutation)));
        const checked = await verify('--no-render');
        expect([0, 1, 2]).toContain(checked.code);
        const redone = await regenerate();
        expect([0, 1, 2]).toContain(redone.code);
        if (redone.code === 0)
          expect(() => parseLock(readFileSync(lockFile, 'utf8'), lockFile)).not.toThrow();
      }),
      { numRuns: 25, seed: 20261127 },
    );
    writeFileSync(lockFile, lockText);
  }, 120_000);

  const escapes: [string, (entry: any) => void][] = [
    [
      'a source path with ..',
      (e) => {
        e.source.path = '../../secret.bin';
      },
    ],
    [
      'an output path with ..',
      (e) => {
        e.output = '../secret.bin';
      },
    ],
  ];
  const absolute: [string, (entry: any) => void][] = [
    [
      'an absolute source path',
      (e) => {
        e.source.path = path.join(ws.root, 'secret.bin');
      },
    ],
  ];
  async function expectNoOutsideRead(edit: (entry: any) => void): Promise<void> {
    const lock = JSON.parse(lockText);
    edit(lock.entries[0]);
    writeFileSync(lockFile, JSON.stringify(lock, null, 2));
    const run = await verify('--no-render', '--outputs', ws.out);
    writeFileSync(lockFile, lockText);
    expect(run.code).not.toBe(0);
    // Had verify hashed the outside file, its sha256 would be quoted in a drift message.
    expect(run.stdout + run.stderr).not.toContain(secretSha.slice(0, 12));
  }

  it.each(absolute)('a lock entry with %s never makes verify read outside its roots', (_, edit) =>
    expectNoOutsideRead(edit),
  );
  // BUG-9 (fixed in fac0cea): lock paths were not checked, so verify hashed the file they climbed to.
  it.each(escapes)('a lock entry with %s never makes verify read outside its roots (BUG-9)', (_, edit) =>
    expectNoOutsideRead(edit),
  );

  // BUG-9b (fixed in fac0cea): verify followed a source link out of the dataset folder.
  it('a source replaced by a symlink leading outside is never read by verify (BUG-9b)', async () => {
    const source = path.join(ws.data, ws.dataset, 'images/p1.bin');
    const original = readFileSync(source);
    rmSync(source);
    symlinkSync(path.join(ws.root, 'secret.bin'), source);
    try {
      const run = await verify('--no-render');
      expect(run.code).not.toBe(0);
      expect(run.stdout + run.stderr).not.toContain(secretSha.slice(0, 12));
    } finally {
      rmSync(source);
      writeFileSync(source, original);
    }
  });
});
