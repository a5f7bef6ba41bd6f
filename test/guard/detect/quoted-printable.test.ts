import { describe, expect, it } from 'vitest';
import { scanText } from '../../../actions/lib/guard/scan-text.js';
import { realDicom, realPng } from './make.js';

/** Every byte outside printable ASCII (and `=`, `\\`, `%`) escaped, soft breaks at 76. */
function qp(bytes: Buffer): string {
  let out = '';
  let line = '';
  for (const b of bytes) {
    const piece =
      b >= 33 && b <= 126 && b !== 61 && b !== 92 && b !== 37
        ? String.fromCharCode(b)
        : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
    if (line.length + piece.length > 75) {
      out += `${line}=\n`;
      line = '';
    }
    line += piece;
  }
  return `${out}${line}\n`;
}

describe('quoted-printable', () => {
  it('finds a PNG and a DICOM in quoted-printable, which has neither a backslash nor a percent sign, and quotes as bytes', () => {
    for (const [payload, kind] of [
      [realPng(32), 'png'],
      [realDicom(), 'dicom'],
    ] as const) {
      const text = qp(payload);
      expect(/[\\%]/.test(text)).toBe(false);
      expect(scanText(text, 'mail.eml')).toMatchObject([{ kind: 'escaped-bytes', decodesTo: kind }]);
    }
  });
});
