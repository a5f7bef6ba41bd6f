import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanText } from '../../../actions/lib/guard/scan-text.js';
import { REPO_ROOT } from '../../helpers/repository-copy.js';
import { makePhiDicom } from '../../red-team/dicom-payload.js';
import { realPng } from './make.js';

const lines = (s: string, n: number) => s.match(new RegExp(`.{1,${n}}`, 'g'))!;

describe('base64 and hex in comments, one line each', () => {
  it('finds a DICOM or PNG behind #, ;, * and > marks, with CRLF or LF line ends', () => {
    const dicom = makePhiDicom().toString('base64');
    for (const [mark, eol] of [
      ['# ', '\r\n'],
      [';', '\n'],
      [' * ', '\n'],
      ['> ', '\r\n'],
      ['%% ', '\n'],
    ] as const) {
      const text = `${lines(dicom, 60)
        .map((l) => `${mark}${l}`)
        .join(eol)}${eol}`;
      expect(scanText(text, 'a.txt'), JSON.stringify(mark)).toMatchObject([{ decodesTo: 'dicom' }]);
    }
    const hex = lines(realPng(32).toString('hex'), 60)
      .map((l) => `# ${l}`)
      .join('\n');
    expect(scanText(hex, 'a.py')).toMatchObject([{ kind: 'hex', decodesTo: 'png' }]);
  });

  it('leaves comment blocks of prose and code alone', () => {
    const source = readFileSync(path.join(REPO_ROOT, 'actions/lib/guard/scan-text/base64-chains.ts'), 'utf8');
    expect(scanText(source, 'base64-chains.ts')).toEqual([]);
    const python = Array.from({ length: 200 }, (_, i) => `# Step ${i}: normalise the intensities\n`).join('');
    expect(scanText(python, 'a.py')).toEqual([]);
  });
});
