import { describe, expect, it } from 'vitest';
import { growthRatio } from '../../helpers/growth.js';
import { inspect } from './make.js';

/** Inputs that make naive scanners quadratic (a unit repeated `count` times): each must stay linear. */
const CASES: [string, string, number][] = [
  ['blank lines', '\n', 250_000],
  ['uuencode openers', 'begin 644 x\n', 20_000],
  ['binary patch headers', 'GIT binary patch\nliteral 5\n', 10_000],
  ['escaped newlines', 'ab\\n', 60_000],
  ['DVC-like keys', 'outs:\n', 25_000],
  ['empty PDF streams', 'stream\nendstream\n', 12_000],
  ['inline image openers', ' BI /', 50_000],
  ['DICOM element starts', '\x08\x00', 125_000],
];

describe('pathological inputs', () => {
  it.each(CASES)('inspects %s in time linear in its size', async (name, unit, count) => {
    const prefix = name.includes('PDF') || name.includes('inline') ? '%PDF-1.4\n' : '';
    const bytes = (scale: number) => Buffer.from(prefix + unit.repeat(count * scale), 'latin1');
    // Quadratic work grows 16× when the input grows 4×; linear work about 4×.
    expect(await growthRatio((scale) => inspect('x', bytes(scale)))).toBeLessThan(10);
  });

  it('reports a file full of payloads with a bounded number of findings', async () => {
    const observations = await inspect(
      'x.patch',
      Buffer.from('GIT binary patch\nliteral 5\n'.repeat(10_000)),
    );
    expect(observations.length).toBeGreaterThan(0);
    expect(observations.length).toBeLessThanOrEqual(50);
  });
});
