import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseLock } from '../../actions/lib/locks/lock-format.js';
import { readAllLocks } from '../../actions/lib/locks/lock-store.js';
import { silentLogger } from '../../actions/lib/logger.js';
import { dataFingerprint, parseCommitRecord } from '../../actions/lib/regenerate/commit-record.js';
import type { RegenerateOptions } from '../../actions/lib/regenerate/regenerate.js';
import { parseWorkShare } from '../../actions/lib/regenerate/work-share.js';
import { verifyLocks } from '../../actions/lib/verify/verify.js';
import {
  countingRenderer,
  git,
  lockBytes,
  makeWorkspace,
  regenerateIn,
  sourcePath,
  type Workspace,
  writeSelection,
  writeSource,
} from './workspace.js';

let ws: Workspace;
afterEach(() => ws?.cleanup());

function run(renderer = countingRenderer(), extra: Partial<RegenerateOptions> = {}) {
  return regenerateIn(ws, { renderer, jobs: 2, ...extra });
}

describe('regenerate', () => {
  it('locks every output on the first run, then hashes and decodes nothing and leaves locks byte-identical', async () => {
    ws = makeWorkspace({ files: 6 });
    const first = await run();
    expect(first.counts.toyset).toEqual({ added: 6, changed: 0, removed: 0, unchanged: 0, failed: 0 });
    expect(first.locksWritten).toEqual(['manifests/locks/toyset.json']);
    const before = lockBytes(ws);
    const lock = parseLock(before.get('toyset.json')!, 'toyset.json');
    expect(lock.entries.map((e) => e.output)).toEqual([...lock.entries.map((e) => e.output)].sort());
    expect(lock.tools).toMatchObject({ renderer: 'counting-test-double', node: process.version });
    // One entry per line: header lines, then exactly one line per entry.
    expect(
      before
        .get('toyset.json')!
        .split('\n')
        .filter((l) => l.startsWith('    {"channels"')).length,
    ).toBe(6);
    expect(existsSync(path.join(ws.out, 'bulk/toyset/images/p0000.bin.png'))).toBe(true);

    const renderer = countingRenderer();
    const second = await run(renderer);
    expect(renderer.calls).toBe(0);
    expect(renderer.toolCalls).toBe(0);
    expect(second.hashed).toBe(0);
    expect(second.counts.toyset!.unchanged).toBe(6);
    expect(second.locksWritten).toEqual([]);
    expect(lockBytes(ws)).toEqual(before);
  });

  it('after one source changes, changes only that entry and its lock line', async () => {
    ws = makeWorkspace({ files: 5 });
    await run();
    const before = lockBytes(ws).get('toyset.json')!.split('\n');
    writeSource(ws, 'images/p0002.bin', 'a different source');
    const renderer = countingRenderer();
    const result = await run(renderer);
    expect(renderer.calls).toBe(1);
    expect(result.counts.toyset).toMatchObject({ changed: 1, unchanged: 4 });
    const after = lockBytes(ws).get('toyset.json')!.split('\n');
    const differing = after.filter((line, i) => line !== before[i]);
    expect(differing).toHaveLength(1);
    expect(differing[0]).toContain('bulk/toyset/images/p0002.bin.png');
  });

  it('rehashes but does not re-render a source whose metadata alone changed', async () => {
    ws = makeWorkspace({ files: 3 });
    await run();
    const before = lockBytes(ws);
    utimesSync(sourcePath(ws, 'images/p0001.bin'), new Date(2001, 1, 1), new Date(2001, 1, 1));
    const renderer = countingRenderer();
    const result = await run(renderer);
    expect(result.hashed).toBe(1);
    expect(renderer.calls).toBe(0);
    expect(lockBytes(ws)).toEqual(before);
  });

  it('re-renders a missing or altered output, and --force redoes everything with identical locks', async () => {
    ws = makeWorkspace({ files: 3 });
    await run();
    const before = lockBytes(ws);
    const { rmSync, writeFileSync } = await import('node:fs');
    rmSync(path.join(ws.out, 'bulk/toyset/images/p0000.bin.png'));
    writeFileSync(path.join(ws.out, 'bulk/toyset/images/p0001.bin.png'), 'tampered');
    const renderer = countingRenderer();
    await run(renderer);
    expect(renderer.calls).toBe(2);
    expect(lockBytes(ws)).toEqual(before);
    const forced = countingRenderer();
    await run(forced, { force: true });
    expect(forced.calls).toBe(3);
    expect(lockBytes(ws)).toEqual(before);
  });

  it('keeps the old entry of a failed item, lists it, and still updates the others', async () => {
    ws = makeWorkspace({ files: 4 });
    await run();
    const oldLock = parseLock(lockBytes(ws).get('toyset.json')!, 'lock');
    writeSource(ws, 'images/p0001.bin', 'changed one');
    writeSource(ws, 'images/p0003.bin', 'changed three');
    const result = await run(countingRenderer({ failOn: (f) => f.endsWith('p0001.bin') }));
    expect(result.failures).toEqual([
      expect.objectContaining({
        output: 'bulk/toyset/images/p0001.bin.png',
        reason: 'cannot decode this test source',
      }),
    ]);
    expect(result.counts.toyset).toMatchObject({ failed: 1, changed: 1, unchanged: 2 });
    const lock = parseLock(lockBytes(ws).get('toyset.json')!, 'lock');
    const byOutput = (l: typeof lock, o: string) => l.entries.find((e) => e.output === o);
    expect(byOutput(lock, 'bulk/toyset/images/p0001.bin.png')).toEqual(
      byOutput(oldLock, 'bulk/toyset/images/p0001.bin.png'),
    );
    expect(byOutput(lock, 'bulk/toyset/images/p0003.bin.png')).not.toEqual(
      byOutput(oldLock, 'bulk/toyset/images/p0003.bin.png'),
    );
  });

  it('fails an item past its time limit without stopping the run', async () => {
    ws = makeWorkspace({ files: 2 });
    const result = await run(countingRenderer({ delayMs: 400 }), { timeoutMs: 50 });
    expect(result.failures).toHaveLength(2);
    expect(result.failures[0]!.reason).toMatch(/timed out/);
    expect(lockBytes(ws).size).toBe(0);
  });

  it('removes entries nothing asks for any more', async () => {
    ws = makeWorkspace({ files: 3 });
    await run();
    const { rmSync } = await import('node:fs');
    rmSync(sourcePath(ws, 'images/p0002.bin'));
    const result = await run();
    expect(result.counts.toyset).toMatchObject({ removed: 1, unchanged: 2 });
    expect(lockBytes(ws).get('toyset.json')).not.toContain('p0002');
    expect(existsSync(path.join(ws.out, 'bulk/toyset/images/p0002.bin.png'))).toBe(false);
    expect(existsSync(path.join(ws.out, 'bulk/toyset/images/p0001.bin.png'))).toBe(true);
  });

  it('keeps every entry of a dataset whose folder is missing (an unmounted disk), and fails', async () => {
    ws = makeWorkspace({ files: 3 });
    await run();
    const before = lockBytes(ws);
    const { renameSync } = await import('node:fs');
    renameSync(path.join(ws.data, 'toyset'), path.join(ws.data, 'toyset-unmounted'));
    const result = await run();
    expect(result.failures).toEqual([
      expect.objectContaining({
        dataset: 'toyset',
        reason: expect.stringMatching(/folder toyset\/ is missing/),
      }),
    ]);
    expect(result.counts.toyset).toMatchObject({ removed: 0 });
    expect(lockBytes(ws)).toEqual(before);
    expect(existsSync(path.join(ws.out, 'bulk/toyset/images/p0000.bin.png'))).toBe(true);
    // Still failing on the next run: no snapshot may vouch for a missing folder.
    expect((await run()).failures).toHaveLength(1);
  });

  it('shards 1/2 then 2/2 give the same locks as one run, also when the lock is split', async () => {
    ws = makeWorkspace({ files: 40 });
    await run(countingRenderer(), { share: parseWorkShare('2/2'), splitThreshold: 10 });
    await run(countingRenderer(), { share: parseWorkShare('1/2'), splitThreshold: 10 });
    const sharded = lockBytes(ws);
    expect(sharded.size).toBeGreaterThan(1);
    expect([...sharded.keys()].every((k) => /^toyset\/[0-9a-f]{2}\.json$/.test(k))).toBe(true);
    const { rmSync } = await import('node:fs');
    rmSync(path.join(ws.repo, 'manifests/locks'), { recursive: true });
    rmSync(ws.cache, { recursive: true });
    await run(countingRenderer(), { splitThreshold: 10 });
    expect(lockBytes(ws)).toEqual(sharded);
  });

  it('refuses an outputs directory inside the work tree that git does not ignore', async () => {
    ws = makeWorkspace({ files: 1 });
    await expect(run(countingRenderer(), { outDir: path.join(ws.repo, 'processed') })).rejects.toThrow(
      /not ignored by git/,
    );
    await expect(run(countingRenderer(), { outDir: ws.repo })).rejects.toThrow(/not ignored by git/);
    const ok = await run(countingRenderer(), { outDir: path.join(ws.repo, 'outputs') });
    expect(ok.counts.toyset!.added).toBe(1);
    expect(
      readFileSync(path.join(ws.repo, 'outputs/bulk/toyset/images/p0000.bin.png')).subarray(1, 4).toString(),
    ).toBe('PNG');
  });

  it('a run after a no-op proves it again by stat calls alone, and notices every kind of change', async () => {
    ws = makeWorkspace({ files: 4 });
    await run();
    const noop = await run(); // the full plan finds nothing to do and leaves a snapshot
    expect(noop.plan.proven).toBeUndefined();
    const locks = lockBytes(ws);
    const proven = await run();
    expect(proven.plan.proven).toBe(4);
    expect(proven.counts.toyset).toMatchObject({ unchanged: 4 });
    expect(lockBytes(ws)).toEqual(locks);

    const { rmSync, writeFileSync } = await import('node:fs');
    const changes: [string, () => void, Partial<Record<'added' | 'changed' | 'removed', number>>][] = [
      ['a changed source', () => writeSource(ws, 'images/p0001.bin', 'new bytes'), { changed: 1 }],
      [
        'a new source in a walked folder',
        () => writeSource(ws, 'images/p9999.bin', 'new file'),
        { added: 1 },
      ],
      ['a new source in a new folder', () => writeSource(ws, 'images/deeper/p1.bin', 'deeper'), { added: 1 }],
      ['a removed source', () => rmSync(sourcePath(ws, 'images/p0000.bin')), { removed: 1 }],
      ['a deleted output', () => rmSync(path.join(ws.out, 'bulk/toyset/images/p0002.bin.png')), {}],
      [
        'an edited selection',
        () => {
          const file = path.join(ws.repo, 'manifests/selections/toyset-all.json');
          const selection = JSON.parse(readFileSync(file, 'utf8'));
          selection.recipe.max_side = 64;
          writeFileSync(file, JSON.stringify(selection));
        },
        { changed: 5 },
      ],
    ];
    for (const [what, change, expected] of changes) {
      await run(); // settle: the next run is a proven no-op
      expect((await run()).plan.proven, `before ${what}`).toBeGreaterThan(0);
      change();
      const renderer = countingRenderer();
      const after = await run(renderer);
      expect(after.plan.proven, what).toBeUndefined();
      expect(after.counts.toyset, what).toMatchObject(expected);
    }
    // A lock edited by hand (a checkout of another commit) is noticed too.
    await run();
    const lockFile = path.join(ws.repo, 'manifests/locks/toyset.json');
    writeFileSync(lockFile, readFileSync(lockFile, 'utf8').replace(/"width":4/, '"width":5'));
    const after = await run();
    expect(after.plan.proven).toBeUndefined();
    // Regenerate's staleness rules (recipe, source, output) do not cover a forged width; verify does.
    const drift = await verifyLocks({
      repoRoot: ws.repo,
      dataRoot: ws.data,
      renderer: countingRenderer(),
      logger: silentLogger,
    });
    expect(drift.drift.map((d) => d.kind)).toEqual(['pixels']);
  });

  it('folds the files a recipe reads besides its source (EchoNet tracings) into its hash', async () => {
    ws = makeWorkspace({ files: 3 });
    const { writeFileSync } = await import('node:fs');
    const selection = path.join(ws.repo, 'manifests/selections/toyset-all.json');
    const value = JSON.parse(readFileSync(selection, 'utf8'));
    value.recipe = { kind: 'video', frame: { annotation: 'end-diastole' } };
    writeFileSync(selection, JSON.stringify(value));
    writeSource(ws, 'EchoNet-Dynamic/VolumeTracings.csv', 'FileName,X1,Y1,X2,Y2,Frame\n');
    await run();
    const lock = parseLock(lockBytes(ws).get('toyset.json')!, 'lock');
    const tracingsSha = createHash('sha256').update('FileName,X1,Y1,X2,Y2,Frame\n').digest('hex');
    expect(lock.entries[0]!.recipe).toMatchObject({
      inputs: { 'EchoNet-Dynamic/VolumeTracings.csv': tracingsSha },
    });
    const quiet = countingRenderer();
    await run(quiet);
    expect((await run(quiet)).plan.proven).toBe(3);
    expect(quiet.calls).toBe(0);

    writeSource(
      ws,
      'EchoNet-Dynamic/VolumeTracings.csv',
      'FileName,X1,Y1,X2,Y2,Frame\np0000.bin,1,2,3,4,7\n',
    );
    const drift = await verifyLocks({
      repoRoot: ws.repo,
      dataRoot: ws.data,
      renderer: countingRenderer(),
      logger: silentLogger,
      render: false,
    });
    expect(drift.drift.map((d) => d.kind)).toEqual(['recipe', 'recipe', 'recipe']);
    const redo = countingRenderer();
    const result = await run(redo);
    expect(redo.calls).toBe(3);
    expect(result.counts.toyset).toMatchObject({ changed: 3 });
  });

  it('proves each dataset on its own: a change in one leaves the others unread, and a commit still fingerprints all', async () => {
    ws = makeWorkspace({ files: 3 });
    writeSelection(ws, 'other');
    for (let i = 0; i < 4; i++)
      writeFileSyncMkdir(path.join(ws.data, 'other/images', `o${i}.bin`), `other ${i}`);
    await run();
    await run();
    expect((await run()).plan.proven).toBe(7);
    writeSource(ws, 'images/p0001.bin', 'changed');
    const result = await run(countingRenderer(), { commit: 'local' });
    expect(result.plan.proven).toBe(4); // dataset "other" proved by its snapshot
    expect(result.counts).toMatchObject({ toyset: { changed: 1, unchanged: 2 }, other: { unchanged: 4 } });
    const all = await readAllLocks(path.join(ws.repo, 'manifests/locks'));
    const expected = dataFingerprint(new Map([...all].map(([d, l]) => [d, [...l.entries.values()]])));
    expect(parseCommitRecord(git(ws.repo, 'log', '-1', '--format=%B'))).toMatchObject({
      dataFingerprint: expected,
    });
  });
});

function writeFileSyncMkdir(file: string, content: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}
