import { describe, expect, it } from 'vitest';
import { scanText } from '../../../actions/lib/guard/scan-text.js';
import { growthRatio } from '../../helpers/growth.js';
import { realPng } from './make.js';

describe('bits as trailing whitespace', () => {
  it('finds a PNG written as a space or a tab per bit at the ends of lines', () => {
    const png = realPng(16);
    const lines = [...png].map(
      (byte, i) =>
        `Step ${i} of the protocol.${[...byte.toString(2).padStart(8, '0')].map((b) => (b === '0' ? ' ' : '\t')).join('')}`,
    );
    expect(scanText(`${lines.join('\n')}\n`, 'protocol.md')).toMatchObject([
      { kind: 'whitespace', line: 1, decodedBytes: png.length },
    ]);
    expect(scanText(`${lines.join('\r\n')}\r\n`, 'protocol.md')).toMatchObject([{ kind: 'whitespace' }]);
  });

  it("leaves an editor's trailing whitespace alone: markdown breaks, indented blank lines", () => {
    const markdown = Array.from({ length: 300 }, (_, i) => `Line ${i} of a poem  `).join('\n');
    const python = Array.from({ length: 300 }, (_, i) => `        x${i} = ${i}\n        \n\t \n`).join('');
    expect(scanText(markdown, 'poem.md')).toEqual([]);
    expect(scanText(python, 'a.py')).toEqual([]);
  });

  it('stays linear on a long run of spaces that ends in a letter', async () => {
    expect(scanText(`a${' '.repeat(5_000_000)}b\n`, 'a.txt')).toEqual([]);
    // Quadratic work grows 16× when the input grows 4×; linear work about 4×.
    const ratio = await growthRatio((scale) => scanText(`a${' '.repeat(2_000_000 * scale)}b\n`, 'a.txt'));
    expect(ratio).toBeLessThan(10);
  });
});
