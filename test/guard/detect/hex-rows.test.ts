import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { scanText } from '../../../actions/lib/guard/scan-text.js';
import { python } from './make.js';

describe('an image as a list of hex strings, one a row', () => {
  it('finds smooth pixel rows however they are quoted and indented', () => {
    const rows = python(
      'import sys,numpy as np;y,x=np.mgrid[0:48,0:48];a=np.clip(180-((x-24)**2+(y-20)**2)/5+(x*7+y*13)%9,0,255).astype(np.uint8);sys.stdout.write("\\n".join(r.tobytes().hex() for r in a))',
    )
      .toString()
      .split('\n');
    const py = `ROWS = [\n${rows.map((r) => `    "${r}",`).join('\n')}\n]\n`;
    expect(scanText(py, 'rows.py')).toMatchObject([
      { kind: 'hex', decodesTo: 'pixel-array', decodedBytes: 48 * 48 },
    ]);
    expect(scanText(JSON.stringify({ rows }), 'rows.json')).toMatchObject([{ kind: 'hex' }]);
  });

  it('leaves a list of hashes alone, however long', () => {
    const hashes = Array.from({ length: 200 }, (_, i) =>
      createHash('sha256').update(String(i)).digest('hex'),
    );
    expect(scanText(`${JSON.stringify({ sha256: hashes }, null, 2)}\n`, 'lock.json')).toEqual([]);
    const sha512 = hashes.map((h) => createHash('sha512').update(h).digest('hex'));
    expect(scanText(`HASHES = [\n${sha512.map((h) => `    "${h}",`).join('\n')}\n]\n`, 'h.py')).toEqual([]);
  });
});
