import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isLockEntry } from '../../actions/lib/locks/fast-entry-check.js';
import { parseLock, serializeLock } from '../../actions/lib/locks/lock-format.js';
import { LockEntry } from '../../actions/lib/schema/lock.js';

const sha = (c: string) => c.repeat(64);
const entry = (output: string) => ({
  output,
  source: { path: `src/${output}`, sha256: sha('a'), size: 10 },
  recipe: { kind: 'image' },
  recipe_sha256: sha('b'),
  output_sha256: sha('c'),
  pixels_sha256: sha('d'),
  width: 2,
  height: 3,
  channels: 1 as const,
});

describe('lock format', () => {
  it('serialises canonically: sorted entries, sorted keys, one entry per line, same bytes for the same lock', () => {
    const a = serializeLock({
      format: 1,
      dataset: 'd',
      tools: { z: '1', a: '2' },
      entries: [entry('b.png'), entry('a.png')],
    });
    const b = serializeLock({
      format: 1,
      dataset: 'd',
      tools: { a: '2', z: '1' },
      entries: [entry('a.png'), entry('b.png')],
    });
    expect(a).toBe(b);
    const lines = a.split('\n');
    expect(
      lines.filter((l) => l.startsWith('    {"channels":1')).map((l) => /"output":"([^"]+)"/.exec(l)![1]),
    ).toEqual(['a.png', 'b.png']);
    expect(lines).toContain('  "tools": {"a":"2","z":"1"},');
    expect(parseLock(a, 'x.json').entries).toHaveLength(2);
    expect(serializeLock(parseLock(a, 'x.json'))).toBe(a);
  });

  it('names the file and the place of a bad lock', () => {
    expect(() => parseLock('{', 'locks/x.json')).toThrow(/locks\/x\.json: invalid JSON/);
    const bad = serializeLock({ format: 1, dataset: 'd', tools: {}, entries: [entry('a.png')] }).replace(
      '"width":2',
      '"width":0',
    );
    expect(() => parseLock(bad, 'locks/x.json')).toThrow(
      /locks\/x\.json: not a valid lock at entries\.0\.width/,
    );
  });

  it('the hand-written entry check accepts exactly what the LockEntry schema accepts', () => {
    const mutate = fc.oneof(
      fc.constant((e: Record<string, unknown>) => e),
      fc
        .constantFrom(
          'output',
          'source',
          'recipe',
          'recipe_sha256',
          'output_sha256',
          'pixels_sha256',
          'width',
          'height',
          'channels',
          'burned_in_annotation',
          'extra',
        )
        .chain((key) =>
          fc
            .oneof(
              fc.constant(undefined),
              fc.anything(),
              fc.constantFrom(
                0,
                1,
                3,
                -1,
                2.5,
                '',
                'YES',
                sha('e'),
                sha('E'),
                {},
                { path: 'p', sha256: sha('a'), size: 0 },
              ),
            )
            .map((v) => (e: Record<string, unknown>) => {
              const copy = { ...e };
              if (v === undefined) delete copy[key];
              else copy[key] = v;
              return copy;
            }),
        ),
      fc.constantFrom('path', 'sha256', 'size', 'more').chain((key) =>
        fc
          .oneof(fc.constant(undefined), fc.anything(), fc.constantFrom(0, -1, 1.5, 2 ** 60, '', sha('f')))
          .map((v) => (e: Record<string, unknown>) => {
            const source = { ...(e.source as Record<string, unknown>) };
            if (v === undefined) delete source[key];
            else source[key] = v;
            return { ...e, source };
          }),
      ),
    );
    fc.assert(
      fc.property(fc.array(mutate, { maxLength: 3 }), (mutations) => {
        const value = mutations.reduce<Record<string, unknown>>((e, m) => m(e), entry('o.png'));
        expect(isLockEntry(value)).toBe(LockEntry.safeParse(value).success);
      }),
      { numRuns: 3000 },
    );
  });
});
