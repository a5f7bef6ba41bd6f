import { describe, expect, it } from 'vitest';
import { InputError } from '../../actions/lib/errors.js';
import { checkItem, type ItemCheck } from '../../actions/lib/regenerate/item-checks.js';
import type { RenderedOutput } from '../../actions/lib/regenerate/renderer.js';
import type { WorkItem } from '../../actions/lib/regenerate/work-items.js';

const rendered: RenderedOutput = {
  png: new Uint8Array(0),
  pixelsSha256: '0'.repeat(64),
  width: 2,
  height: 2,
  channels: 1,
  resolved: {},
};
const item = { dataset: 'd', source: 'a.png', output: 'd/a.png' } as WorkItem;
const context = { file: '/data/d/a.png', datasetDir: '/data/d', signal: new AbortController().signal };

describe('item checks', () => {
  it('runs every check in order and refuses the item with the first one that throws', async () => {
    const seen: string[] = [];
    const pass: ItemCheck = () => void seen.push('pass');
    const refuse: ItemCheck = (_r, i) => {
      seen.push('refuse');
      throw new InputError('check', i.source, 'refused by the check');
    };
    const never: ItemCheck = () => void seen.push('never');
    await expect(checkItem(rendered, item, context, [pass, refuse, never])).rejects.toThrow(
      'a.png: refused by the check',
    );
    expect(seen).toEqual(['pass', 'refuse']);
    await expect(checkItem(rendered, item, context, [pass])).resolves.toBeUndefined();
  });
});
