import { cpSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCommitRecord } from '../../actions/lib/regenerate/commit-record.js';
import { parseWorkShare } from '../../actions/lib/regenerate/work-share.js';
import { runAction } from '../helpers/run-action.js';
import { git, makeWorkspace, regenerateIn, type Workspace } from './workspace.js';

let ws: Workspace;
afterEach(() => ws?.cleanup());

describe('regenerate action, mode merge', () => {
  it('merges the shard locks handed over as artifacts, skips a missing shard, and commits only locks with a record', async () => {
    ws = makeWorkspace({ files: 12 });
    const shards = ['1/2', '2/2'].map((share, i) => {
      const repo = path.join(ws.root, `runner-${i + 1}`);
      cpSync(ws.repo, repo, { recursive: true });
      return { share, repo };
    });
    for (const { share, repo } of shards) {
      await regenerateIn(ws, {
        repoRoot: repo,
        outDir: path.join(repo, '..', `out-${share[0]}`),
        cacheDir: path.join(repo, '..', `cache-${share[0]}`),
        share: parseWorkShare(share),
      });
    }
    // What actions/download-artifact lays out: each shard's manifests/locks contents in its own folder.
    const artifacts = path.join(ws.root, 'shard-locks');
    for (const [i, { repo }] of shards.entries()) {
      cpSync(path.join(repo, 'manifests/locks'), path.join(artifacts, `locks-shard-${i + 1}`), {
        recursive: true,
      });
    }
    const run = await runAction('regenerate', ws.repo, {
      mode: 'merge',
      'merge-from': [1, 2, 3].map((i) => path.join(artifacts, `locks-shard-${i}`)).join('\n'),
      commit: 'local',
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('::warning::no shard locks at');
    expect(run.summary).toContain('| toyset | 12 | 0 | 0 | 0 |');
    expect(run.outputs.changed).toBe('true');
    expect(git(ws.repo, 'show', '--name-only', '--format=', 'HEAD').trim()).toBe(
      'manifests/locks/toyset.json',
    );
    const record = parseCommitRecord(git(ws.repo, 'log', '-1', '--format=%B'))!;
    expect(record).toMatchObject({
      datasets: { toyset: { added: 12 } },
      shard: 'merged from 2',
      tools: { renderer: 'counting-test-double' },
    });
  });

  it('refuses a jobs input that is not a whole number ≥ 1, before touching anything', async () => {
    ws = makeWorkspace({ files: 2 });
    for (const jobs of ['abc', '0', '1.5']) {
      const run = await runAction('regenerate', ws.repo, { mode: 'regenerate', 'data-root': ws.data, jobs });
      expect(run.code, jobs).toBe(1);
      expect(run.stdout, jobs).toContain(`::error::jobs must be a whole number ≥ 1 (got "${jobs}")`);
    }
    expect(git(ws.repo, 'log', '--format=%s').trim().split('\n')).toHaveLength(1);
  });
});
