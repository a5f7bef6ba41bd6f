// One parser for the boolean and integer inputs of all three actions: YAML 1.2 core booleans, whole
// numbers, and anything else a clear error naming the input, the same on Node 20 and 24.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBoolean, parseInteger } from '../../actions/lib/action/inputs.js';
import { encodePng } from '../../actions/lib/render/encode-png.js';
import { copyRepositoryContent } from '../helpers/repository-copy.js';
import { NODE_RUNTIMES } from '../helpers/runner/node-runtimes.js';
import { runAction } from '../helpers/runner/run-action.js';
import { makeWorkspace, type Workspace, writeSource } from '../regenerate/workspace.js';

describe('parseBoolean and parseInteger', () => {
  it('take the six YAML 1.2 core booleans and refuse anything else, naming the input', () => {
    for (const t of ['true', 'True', 'TRUE']) expect(parseBoolean('force', t, false)).toBe(true);
    for (const f of ['false', 'False', 'FALSE']) expect(parseBoolean('force', f, true)).toBe(false);
    expect(parseBoolean('force', '', true)).toBe(true);
    for (const bad of ['lots', 'yes', 'on', '1', 'tRUE'])
      expect(() => parseBoolean('force', bad, false)).toThrow(
        `force must be a boolean: true, True, TRUE, false, False or FALSE (got "${bad}")`,
      );
  });

  it('take whole numbers within range and refuse the rest', () => {
    expect(parseInteger('max-annotations', '12', 50)).toBe(12);
    expect(parseInteger('max-annotations', '', 50)).toBe(50);
    expect(parseInteger('jobs', '', undefined)).toBeUndefined();
    for (const bad of ['lots', '1.5', '1e3', '0x10', '-1', ''.padEnd(20, '9')])
      expect(() => parseInteger('max-annotations', bad, 50)).toThrow(
        /^max-annotations must be a whole number ≥ 0/,
      );
    expect(() => parseInteger('jobs', '0', undefined, { min: 1 })).toThrow(
      'jobs must be a whole number ≥ 1 (got "0")',
    );
  });
});

let content: { root: string; cleanup: () => Promise<void> };
let ws: Workspace;
let temp: string;
beforeAll(async () => {
  content = await copyRepositoryContent();
  ws = makeWorkspace({ files: 0 });
  for (let i = 0; i < 3; i++) {
    const data = new Uint8Array(32).map((_, k) => (k * 13 + i) & 0xff);
    writeSource(
      ws,
      `images/p${i}.bin`,
      await encodePng({ width: 8, height: 4, channels: 1, data, resolved: { frame: 0 } }),
    );
  }
  temp = await mkdtemp(path.join(tmpdir(), 'cm-inputs-'));
});
afterAll(async () => {
  await content.cleanup();
  ws.cleanup();
  await rm(temp, { recursive: true, force: true });
});

const BOOLEAN_ERROR = (name: string) =>
  `${name} must be a boolean: true, True, TRUE, false, False or FALSE (got "lots")`;

describe.each(NODE_RUNTIMES)('inputs in all three actions, on %s', (node) => {
  const regenerate = (inputs: Record<string, string>) =>
    runAction({
      action: 'regenerate',
      workspace: ws.repo,
      node,
      env: { CLINICAL_MANIFESTS_CACHE_DIR: ws.cache },
      inputs: { 'data-root': ws.data, 'out-dir': ws.out, ...inputs },
    });

  it('`lots` for a boolean or an integer is the same clear error in each action', async () => {
    const runs = {
      'validate strict': await runAction({
        action: 'validate',
        workspace: content.root,
        node,
        inputs: { strict: 'lots' },
      }),
      'guard comment': await runAction({
        action: 'guard',
        workspace: content.root,
        node,
        inputs: { comment: 'lots' },
      }),
      'regenerate force': await regenerate({ force: 'lots' }),
      'validate max-annotations': await runAction({
        action: 'validate',
        workspace: content.root,
        node,
        inputs: { 'max-annotations': 'lots' },
      }),
      'guard max-annotations': await runAction({
        action: 'guard',
        workspace: content.root,
        node,
        inputs: { 'max-annotations': 'lots' },
      }),
      'regenerate jobs': await regenerate({ jobs: 'lots' }),
    };
    for (const [what, run] of Object.entries(runs)) {
      const name = what.split(' ')[1]!;
      expect(run.code, what).toBe(1);
      const expected = ['strict', 'comment', 'force'].includes(name)
        ? BOOLEAN_ERROR(name)
        : `${name} must be a whole number ≥ ${name === 'jobs' ? 1 : 0} (got "lots")`;
      expect(
        run.annotations.map((a) => a.message),
        what,
      ).toEqual([expected]);
    }
  });

  it('`True` and `False` mean true and false (validate strict, regenerate force)', async () => {
    const strict = await runAction({
      action: 'validate',
      workspace: content.root,
      node,
      inputs: { strict: 'True' },
    });
    const lax = await runAction({
      action: 'validate',
      workspace: content.root,
      node,
      inputs: { strict: 'False' },
    });
    expect(Number(strict.outputs.warnings)).toBeGreaterThan(0);
    expect(strict.code).toBe(1);
    expect(lax.code).toBe(0);

    // Up to date after one run: `False` processes nothing, `True` processes every item again.
    const first = await regenerate({ force: 'FALSE' });
    expect(first.code, first.log).toBe(0);
    const cached = await regenerate({ force: 'False' });
    expect(cached.stdout).not.toContain('processed 3/3');
    const forced = await regenerate({ force: 'True' });
    expect(forced.code, forced.log).toBe(0);
    expect(forced.stdout).toContain('processed 3/3');
  });
});
