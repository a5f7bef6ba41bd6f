import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../actions/lib/logger.js';
import { verifyLocks } from '../../actions/lib/verify/verify.js';
import {
  countingRenderer,
  lockBytes,
  makeWorkspace,
  regenerateIn,
  sourcePath,
  type Workspace,
  writeSource,
} from '../regenerate/workspace.js';

let ws: Workspace;
afterEach(() => ws?.cleanup());

function snapshot(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .sort()
    .map((f) => `${f}:${statSync(path.join(dir, f)).mtimeMs}`);
}

describe('verify', () => {
  it('finds no drift after regenerate, then names the one changed source and output, writing nothing', async () => {
    ws = makeWorkspace({ files: 4 });
    await regenerateIn(ws);
    const verify = () =>
      verifyLocks({
        repoRoot: ws.repo,
        dataRoot: ws.data,
        outputsDir: ws.out,
        renderer: countingRenderer(),
        logger: silentLogger,
      });
    const clean = await verify();
    expect(clean).toEqual({ checked: 4, drift: [] });

    writeSource(ws, 'images/p0002.bin', 'changed after locking');
    rmSync(path.join(ws.out, 'bulk/toyset/images/p0003.bin.png'));
    const locks = lockBytes(ws);
    const repoBefore = snapshot(ws.repo);
    const outBefore = snapshot(ws.out);
    const cacheBefore = snapshot(ws.cache);
    const drifted = await verify();
    expect(drifted.drift.map((d) => [d.kind, d.source])).toEqual([
      ['source', 'images/p0002.bin'],
      ['output-missing', 'images/p0003.bin'],
    ]);
    expect(drifted.drift[0]!.output).toBe('bulk/toyset/images/p0002.bin.png');
    expect(lockBytes(ws)).toEqual(locks);
    expect(snapshot(ws.repo)).toEqual(repoBefore);
    expect(snapshot(ws.out)).toEqual(outBefore);
    expect(snapshot(ws.cache)).toEqual(cacheBefore);
  });

  it('names decoded pixels that no longer match, outputs nobody asks for, and outputs with no entry', async () => {
    ws = makeWorkspace({ files: 2 });
    await regenerateIn(ws);
    writeSource(ws, 'images/new.bin', 'not locked yet');
    rmSync(sourcePath(ws, 'images/p0000.bin'));
    const shifted = countingRenderer();
    const render = shifted.render.bind(shifted);
    shifted.render = async (file, recipe, ctx) => ({
      ...(await render(file, recipe, ctx)),
      pixelsSha256: '0'.repeat(64),
    });
    const result = await verifyLocks({
      repoRoot: ws.repo,
      dataRoot: ws.data,
      renderer: shifted,
      logger: silentLogger,
    });
    expect(result.drift.map((d) => [d.kind, d.output])).toEqual([
      ['unlocked', 'bulk/toyset/images/new.bin.png'],
      ['orphaned', 'bulk/toyset/images/p0000.bin.png'],
      ['source-missing', 'bulk/toyset/images/p0000.bin.png'],
      ['pixels', 'bulk/toyset/images/p0001.bin.png'],
    ]);
  });
});
