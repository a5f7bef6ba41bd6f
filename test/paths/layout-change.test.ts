// A run that found nothing to do leaves a snapshot that lets the next run skip reading anything. The
// dataset's manifest decides which sources may be items, so tightening its layout must end that
// proof: the next run sees the paths that no longer follow it, fails them, and drops their entries.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/repository-copy.js';
import { lockBytes, makeWorkspace, regenerateIn, type Workspace } from '../regenerate/workspace.js';

let ws: Workspace | undefined;
afterEach(() => ws?.cleanup());

/** A manifest for the workspace's dataset: CheXpert's, with a layout of `images/*.bin` named by `pattern`. */
function writeManifest(w: Workspace, pattern: string): void {
  const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'manifests/datasets/chexpert.json'), 'utf8'));
  manifest.id = w.dataset;
  manifest.layout = {
    root: 'images',
    entries: [{ path: 'images/*.bin', kind: 'glob', description: 'sources', names: { '*.bin': pattern } }],
  };
  const dir = path.join(w.repo, 'manifests/datasets');
  writeFileSync(path.join(dir, `${w.dataset}.json`), `${JSON.stringify(manifest, null, 2)}\n`);
}

describe('a layout change after a no-op run', () => {
  it('is seen: the snapshot no longer proves the run, and the paths it now refuses are failed', async () => {
    ws = makeWorkspace({ dataset: 'toyset', files: 4 });
    mkdirSync(path.join(ws.repo, 'manifests/datasets'), { recursive: true });
    writeManifest(ws, 'p\\d{4}\\.bin');
    const first = await regenerateIn(ws);
    expect(first.failures).toEqual([]);
    expect(first.counts.toyset!.added).toBe(4);
    await regenerateIn(ws); // finds nothing to do: writes the snapshot
    const proven = await regenerateIn(ws);
    expect(proven.plan.proven).toBe(4);

    writeManifest(ws, 'q\\d{4}\\.bin');
    const after = await regenerateIn(ws);
    expect(after.plan.proven ?? 0).toBe(0);
    expect(after.counts.toyset).toMatchObject({ failed: 4, removed: 4 });
    expect(after.failures.map((f) => f.reason)).toEqual([
      expect.stringMatching(
        /^4 source files do not follow the toyset layout: the first, segment 2 of 2 does not fit/,
      ),
    ]);
    const lock = [...lockBytes(ws).values()].join('\n');
    expect(lock).not.toContain('p0000');
  });
});
