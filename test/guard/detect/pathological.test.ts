import { describe, expect, it } from 'vitest';
import { inspect } from './make.js';

/** Inputs that make naive scanners quadratic: each must come back fast and never pass silently. */
const CASES: [string, Buffer][] = [
  ['blank lines', Buffer.alloc(1_000_000, 10)],
  ['uuencode openers', Buffer.from('begin 644 x\n'.repeat(80_000))],
  ['binary patch headers', Buffer.from('GIT binary patch\nliteral 5\n'.repeat(40_000))],
  ['escaped newlines', Buffer.from('ab\\n'.repeat(250_000))],
  ['DVC-like keys', Buffer.from('outs:\n'.repeat(100_000))],
  ['empty PDF streams', Buffer.from(`%PDF-1.4\n${'stream\nendstream\n'.repeat(50_000)}`)],
  ['inline image openers', Buffer.from(`%PDF-1.4\n${' BI /'.repeat(200_000)}`)],
  ['DICOM element starts', Buffer.from('\x08\x00'.repeat(500_000), 'latin1')],
];

describe('pathological inputs', () => {
  it.each(CASES)('inspects %s in bounded time', async (_, bytes) => {
    const started = performance.now();
    await inspect('x', bytes);
    expect(performance.now() - started).toBeLessThan(5000);
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
