import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mergeLockTrees } from '../../actions/lib/locks/merge-lock-trees.js';
import { parseWorkShare } from '../../actions/lib/regenerate/work-share.js';
import {
  lockBytes,
  makeWorkspace,
  regenerateIn,
  sourcePath,
  type Workspace,
  writeSource,
} from '../regenerate/workspace.js';

let ws: Workspace;
afterEach(() => ws?.cleanup());

/** A copy of the repository as another runner would check it out, with its own cache and outputs. */
function machine(name: string): { repo: string; cache: string; out: string } {
  const repo = path.join(ws.root, `${name}-repo`);
  rmSync(repo, { recursive: true, force: true });
  cpSync(ws.repo, repo, { recursive: true });
  return { repo, cache: path.join(ws.root, `${name}-cache`), out: path.join(ws.root, `${name}-out`) };
}

async function runOn(m: { repo: string; cache: string; out: string }, share?: string) {
  return regenerateIn(
    { ...ws, ...m },
    { splitThreshold: 8, ...(share ? { share: parseWorkShare(share) } : {}) },
  );
}

describe('locks merge', () => {
  it('merging shard locks made on different machines gives the locks of one run, round after round', async () => {
    ws = makeWorkspace({ files: 25 });
    for (const round of [0, 1]) {
      if (round === 1) {
        writeSource(ws, 'images/p0004.bin', 'changed');
        writeSource(ws, 'images/p0017.bin', 'changed too');
        rmSync(sourcePath(ws, 'images/p0020.bin'));
        writeSource(ws, 'images/extra/new.bin', 'added');
      }
      const a = machine('a');
      const b = machine('b');
      const c = machine('c');
      await runOn(b, '2/3');
      await runOn(a, '1/3');
      await runOn(c, '3/3');
      const merged = await mergeLockTrees(ws.repo, [c.repo, a.repo, path.join(b.repo, 'manifests/locks')], {
        splitThreshold: 8,
      });
      expect(merged.conflicts).toEqual([]);
      const single = machine('single');
      await runOn(single);
      expect(lockBytes(ws)).toEqual(lockBytes({ ...ws, repo: single.repo }));
    }
  });

  it('reports two shards that changed one output differently, and writes nothing', async () => {
    ws = makeWorkspace({ files: 3 });
    const a = machine('a');
    await runOn(a);
    writeSource(ws, 'images/p0001.bin', 'different on machine b');
    const b = machine('b');
    await runOn(b);
    const before = lockBytes(ws);
    const merged = await mergeLockTrees(ws.repo, [a.repo, b.repo]);
    expect(merged.conflicts.length).toBeGreaterThan(0);
    expect(merged.conflicts[0]).toContain('bulk/toyset/images/p0001.bin.png');
    expect(lockBytes(ws)).toEqual(before);
  });

  it('accepts empty shards (no lock files; stray JSON such as biome.json is not a lock): they change nothing', async () => {
    ws = makeWorkspace({ files: 4 });
    await runOn({ repo: ws.repo, cache: ws.cache, out: ws.out });
    const a = machine('a');
    writeSource(ws, 'images/p0001.bin', 'changed on machine a');
    await runOn(a);
    // A shard that produced nothing: an artifact folder holding only other JSON, and a repository
    // without manifests/locks.
    const artifact = path.join(ws.root, 'empty-artifact');
    mkdirSync(artifact);
    writeFileSync(path.join(artifact, 'biome.json'), '{"formatter":{}}');
    writeFileSync(path.join(artifact, 'package.json'), '{"name":"x"}');
    const bare = path.join(ws.root, 'bare-repo');
    mkdirSync(path.join(bare, 'manifests'), { recursive: true });
    writeFileSync(path.join(bare, 'biome.json'), '{}');
    const merged = await mergeLockTrees(ws.repo, [artifact, a.repo, bare]);
    expect(merged.conflicts).toEqual([]);
    expect(merged.empty).toEqual([artifact, bare]);
    expect(merged.datasets[0]?.counts).toMatchObject({ changed: 1, removed: 0 });
    expect(lockBytes(ws)).toEqual(lockBytes({ repo: a.repo }));
  });
});
