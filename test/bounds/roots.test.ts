import { cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../actions/lib/errors.js';
import { silentLogger } from '../../actions/lib/logger.js';
import { verifyLocks } from '../../actions/lib/verify/verify.js';
import { runCliCaptured } from '../helpers/run-cli.js';
import {
  countingRenderer,
  git,
  makeWorkspace,
  regenerateIn,
  type Workspace,
} from '../regenerate/workspace.js';

let ws: Workspace | undefined;
afterEach(() => ws?.cleanup());

/** The workspace's data copied into `<repo>/<relative>` (ignored by git when `ignored`). */
function dataInsideRepo(w: Workspace, relative: string, ignored: boolean): string {
  const inside = path.join(w.repo, relative);
  mkdirSync(path.dirname(inside), { recursive: true });
  cpSync(w.data, inside, { recursive: true });
  if (ignored) writeFileSync(path.join(w.repo, '.gitignore'), `/outputs/\n/${relative}/\n`);
  return inside;
}

describe('a data root the repository could track is refused (exit 2) before anything is read', () => {
  it('inside the work tree, ignored or not, and at its top', async () => {
    ws = makeWorkspace({ files: 2 });
    const env = { ...process.env, CLINICAL_MANIFESTS_CACHE_DIR: ws.cache };
    const ignored = dataInsideRepo(ws, 'private/data', true);
    expect(git(ws.repo, 'check-ignore', 'private/data/').trim()).toBe('private/data/');
    const tracked = dataInsideRepo(ws, 'data', false);
    for (const [dataRoot, where] of [
      [ignored, 'private/data'],
      [tracked, 'data'],
      [ws.repo, '.'],
    ] as const) {
      for (const command of ['regenerate', 'verify']) {
        const run = await runCliCaptured([command, '--data-root', dataRoot, '--repo', ws.repo], {
          cwd: ws.root,
          env,
        });
        expect(run.code, `${command} ${dataRoot}`).toBe(2);
        expect(run.stderr).toContain(
          `data root ${dataRoot} is inside the repository's work tree (at ${where}): licensed data must never sit where git could add it`,
        );
      }
    }
  });

  it('through a symlink from outside into the work tree, and from a sub-folder given as --repo', async () => {
    ws = makeWorkspace({ files: 2 });
    const inside = dataInsideRepo(ws, 'private/data', true);
    const link = path.join(ws.root, 'link-to-data');
    symlinkSync(inside, link);
    const error = await regenerateIn(ws, { dataRoot: link }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(
      /^data root .*link-to-data is inside the repository's work tree \(at private\/data\)/,
    );
    // The repository root given as a folder below the work tree's top still finds the top.
    const sub = await verifyLocks({
      repoRoot: path.join(ws.repo, 'manifests'),
      dataRoot: inside,
      renderer: countingRenderer(),
      logger: silentLogger,
    }).catch((e: unknown) => e);
    expect(sub).toBeInstanceOf(UsageError);
    // Nothing was written: no outputs, no lock.
    expect(git(ws.repo, 'status', '--porcelain', '--', 'manifests').trim()).toBe('');
  });

  it('a data root outside the repository is accepted', async () => {
    ws = makeWorkspace({ files: 2 });
    const result = await regenerateIn(ws);
    expect(result.counts[ws.dataset]).toMatchObject({ added: 2, failed: 0 });
  });

  it('an outputs directory linked into a tracked folder of the repository is refused', async () => {
    ws = makeWorkspace({ files: 1 });
    mkdirSync(path.join(ws.repo, 'pictures'));
    const link = path.join(ws.root, 'out-link');
    symlinkSync(path.join(ws.repo, 'pictures'), link);
    const error = await regenerateIn(ws, { outDir: link }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/is inside the repository and not ignored by git/);
    rmSync(link);
  });
});
