import { cpSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../helpers/run-cli.js';
import { lockBytes, makeWorkspace, sourcePath, type Workspace } from './workspace.js';

let ws: Workspace;
afterEach(() => ws?.cleanup());

async function pngSources(count: number): Promise<void> {
  mkdirSync(sourcePath(ws, 'images'), { recursive: true });
  for (let i = 0; i < count; i++) {
    await sharp({
      create: { width: 8, height: 8, channels: 3, background: { r: i * 20, g: i * 20, b: i * 20 } },
    })
      .png()
      .toFile(sourcePath(ws, `images/i${i}.bin`));
  }
}

describe('clinical-manifests regenerate / verify / locks (CLI)', () => {
  it('exits 2 on usage and setup errors, naming the problem', async () => {
    ws = makeWorkspace({ files: 0 });
    mkdirSync(sourcePath(ws, 'images'), { recursive: true });
    const env = { ...process.env, CLINICAL_MANIFESTS_CACHE_DIR: ws.cache };
    const cases: [string[], RegExp][] = [
      [['regenerate', '--repo', ws.repo], /--data-root is required/],
      [['regenerate', '--data-root', ws.data, '--repo', ws.repo, '--shard', '3/2'], /--shard must be I\/N/],
      [
        ['regenerate', '--data-root', ws.data, '--repo', ws.repo, '--commit', 'remote'],
        /--commit must be none or local/,
      ],
      [
        ['regenerate', '--data-root', ws.data, '--repo', ws.repo, '--out', path.join(ws.repo, 'images')],
        /not ignored by git/,
      ],
      [
        ['regenerate', '--data-root', path.join(ws.root, 'nope'), '--repo', ws.repo],
        /data root .* is not a directory/,
      ],
      [['verify', '--repo', ws.repo], /--data-root is required/],
      [['locks', 'split'], /unknown locks subcommand/],
    ];
    for (const [argv, message] of cases) {
      const result = await runCliCaptured(argv, { cwd: ws.root, env });
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });

  it('prints the plan, then the counts; a second run is a no-op; verify and locks merge agree', async () => {
    ws = makeWorkspace({ files: 0 });
    await pngSources(4);
    const env = { ...process.env, CLINICAL_MANIFESTS_CACHE_DIR: ws.cache };
    const args = ['regenerate', '--data-root', ws.data, '--repo', ws.repo];
    const first = await runCliCaptured(args, { cwd: ws.root, env });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^plan: 4 outputs in 1 dataset: 4 to check or make/);
    expect(first.stdout).toMatch(
      new RegExp(`outputs: ${ws.cache.replace(/[/.]/g, '\\$&')}/outputs/[0-9a-f]{16}`),
    );
    expect(first.stdout).toMatch(/toyset +4 +0 +0 +0 +0/);
    const second = await runCliCaptured([...args, '--format', 'json'], { cwd: ws.root, env });
    expect(JSON.parse(second.stdout)).toMatchObject({
      rendered: 0,
      hashed: 0,
      locksWritten: [],
      datasets: { toyset: { unchanged: 4 } },
    });

    const verify = await runCliCaptured(['verify', '--data-root', ws.data, '--repo', ws.repo], {
      cwd: ws.root,
      env,
    });
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    expect(verify.stdout).toBe('no drift: 4 entries checked\n');

    // Two shard runs on copies, merged back: the same locks.
    const before = lockBytes(ws);
    const copies = ['1/2', '2/2'].map((share, i) => {
      const repo = path.join(ws.root, `shard-${i}`);
      cpSync(ws.repo, repo, { recursive: true });
      return { share, repo };
    });
    await pngSources(6); // the same bytes for i0..i3 (deterministic encoder), and two new sources
    for (const { share, repo } of copies) {
      const r = await runCliCaptured(
        [
          'regenerate',
          '--data-root',
          ws.data,
          '--repo',
          repo,
          '--shard',
          share,
          '--out',
          path.join(ws.root, `o${share[0]}`),
        ],
        { cwd: ws.root, env },
      );
      expect(r.code, r.stderr).toBe(0);
    }
    const merged = await runCliCaptured(['locks', 'merge', '--repo', ws.repo, ...copies.map((c) => c.repo)], {
      cwd: ws.root,
      env,
    });
    expect(merged.code, merged.stdout + merged.stderr).toBe(0);
    expect(merged.stdout).toBe('wrote manifests/locks/toyset.json\n');
    expect(lockBytes(ws)).not.toEqual(before);
    const single = await runCliCaptured([...args, '--format', 'json'], { cwd: ws.root, env });
    expect(JSON.parse(single.stdout)).toMatchObject({
      locksWritten: [],
      datasets: { toyset: { unchanged: 6 } },
    });
  });
});
