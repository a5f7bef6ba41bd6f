import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCommitRecord } from '../../actions/lib/regenerate/commit-record.js';
import type { RegenerateOptions } from '../../actions/lib/regenerate/regenerate.js';
import { git, makeWorkspace, regenerateIn, type Workspace, writeSource } from './workspace.js';

let ws: Workspace;
afterEach(() => ws?.cleanup());

function run(extra: Partial<RegenerateOptions> = {}) {
  return regenerateIn(ws, { outDir: path.join(ws.repo, 'outputs'), commit: 'local', ...extra });
}

describe('regenerate --commit local', () => {
  it('commits only the lock files, even with an untracked image in the work tree, with a record and no data path', async () => {
    ws = makeWorkspace({ files: 4 });
    writeFileSync(path.join(ws.repo, 'stray-image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]));
    const result = await run();
    expect(result.commit).toMatch(/^[0-9a-f]{40}$/);
    const files = git(ws.repo, 'show', '--name-only', '--format=', 'HEAD').trim().split('\n');
    expect(files).toEqual(['manifests/locks/toyset.json']);
    expect(git(ws.repo, 'status', '--porcelain')).toContain('?? stray-image.png');
    const message = git(ws.repo, 'log', '-1', '--format=%B');
    expect(message).not.toContain(ws.data);
    expect(message).not.toContain(ws.root);
    const record = parseCommitRecord(message)!;
    expect(record).toMatchObject({
      format: 1,
      datasets: { toyset: { added: 4, changed: 0, removed: 0, unchanged: 0, failed: 0 } },
      tools: { renderer: 'counting-test-double' },
    });
    expect(record.dataFingerprint).toMatch(/^[0-9a-f]{64}$/);
    // Nothing changed: no second commit.
    const again = await run();
    expect(again.commit).toBeUndefined();
    expect(git(ws.repo, 'rev-list', '--count', 'HEAD').trim()).toBe('2');
  });

  it('commits a change and a removal of a split lock by explicit path', async () => {
    ws = makeWorkspace({ files: 30 });
    await run({ splitThreshold: 10 });
    writeSource(ws, 'images/p0003.bin', 'new bytes');
    const result = await run({ splitThreshold: 5000 });
    expect(result.locksWritten).toEqual(['manifests/locks/toyset.json']);
    expect(result.locksRemoved.length).toBeGreaterThan(1);
    const files = git(ws.repo, 'show', '--name-only', '--format=', 'HEAD').trim().split('\n');
    expect(files.every((f) => f.startsWith('manifests/locks/'))).toBe(true);
    expect(git(ws.repo, 'status', '--porcelain', '--', 'manifests')).toBe('');
  });

  it('refuses to commit when something else is already staged', async () => {
    ws = makeWorkspace({ files: 2 });
    writeFileSync(path.join(ws.repo, 'notes.txt'), 'staged by hand\n');
    git(ws.repo, 'add', 'notes.txt');
    await expect(run()).rejects.toThrow(/already holds staged changes/);
    expect(git(ws.repo, 'rev-list', '--count', 'HEAD').trim()).toBe('1');
  });
});
