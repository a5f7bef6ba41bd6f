import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitBlobReader } from '../../../actions/lib/guard/git-blob-source.js';
import { runGit } from '../../../actions/lib/tools/run-git.js';
import { git } from '../helpers/git-repository.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'cm-blobs-'));
  await git(root, ['init', '-q']);
});
afterEach(() => rm(root, { recursive: true, force: true }));

const store = async (bytes: Buffer) => {
  const file = path.join(root, `b-${Math.random()}`);
  await writeFile(file, bytes);
  return (await runGit(root, ['hash-object', '-w', file])).trim();
};
const digest = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('GitBlobReader: one git cat-file --batch for every blob', () => {
  it('answers many outstanding requests in order, in memory or through a temp file over the bound', async () => {
    const blobs = [
      Buffer.alloc(0),
      Buffer.from('\n'),
      randomBytes(100_000),
      randomBytes(300_000),
      randomBytes(7),
    ];
    const oids = await Promise.all(blobs.map(store));
    const reader = new GitBlobReader(root, 200_000);
    const spills = () => readdir(tmpdir()).then((n) => n.filter((f) => f.startsWith('cm-guard-blobs-')));
    const before = await spills();
    try {
      const read = await Promise.all(oids.map((oid) => reader.read(oid)));
      for (const [i, blob] of read.entries()) {
        expect(blob.size).toBe(blobs[i]!.length);
        const chunks: Buffer[] = [];
        for await (const c of blob.source.chunks()) chunks.push(c);
        expect(digest(Buffer.concat(chunks))).toBe(digest(blobs[i]!));
        // Random access too: the detectors read the head and the tail.
        expect((await blob.source.read(blob.size - 3, 10)).equals(blobs[i]!.subarray(-3))).toBe(true);
      }
      // The 300 kB blob is over the bound: it lives in a temp file until disposed.
      expect((await spills()).length).toBe(before.length + 1);
      await Promise.all(read.map((b) => b.dispose()));
      await expect(reader.read('0'.repeat(40))).rejects.toThrow(/missing/);
      const tree = (await runGit(root, ['mktree'], '')).trim();
      await expect(reader.read(tree)).rejects.toThrow(/is a tree, not a blob/);
      // Still in step after the refusals.
      expect(await reader.readText(await store(Buffer.from('after')))).toBe('after');
      await expect(reader.read('HEAD:x')).rejects.toThrow(/not an object id/);
    } finally {
      await reader.close();
    }
    expect(await spills()).toEqual(before);
  });
});
