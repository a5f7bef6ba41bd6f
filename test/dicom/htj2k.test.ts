/**
 * High-Throughput JPEG 2000 (HTJ2K) frames made by an independent encoder, OpenJPH's ojph_compress
 * (Debian package openjph-tools). pydicom 2.3 cannot decode HTJ2K, so lossless frames are checked
 * against the render of the same pixels uncompressed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderDicom } from '../../actions/lib/dicom/render-dicom.js';
import { writeDicom } from '../../actions/lib/synth/dicom/write-dicom.js';
import { needsTool } from '../helpers/needs-tool.js';
import { imageElements } from './synthetic-dicom.js';

const OJPH = '/usr/bin/ojph_compress';
const openjph = needsTool('openjph-tools (/usr/bin/ojph_compress)', existsSync(OJPH));
const dir = mkdtempSync(join(tmpdir(), 'dicom-htj2k-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Encodes a grey image with ojph_compress (reversible) and returns the codestream. */
function htj2k(name: string, width: number, height: number, maxValue: number, values: number[]): Uint8Array {
  const wide = maxValue > 255;
  const body = Buffer.alloc(values.length * (wide ? 2 : 1));
  values.forEach((v, i) => {
    if (wide) body.writeUInt16BE(v, i * 2);
    else body.writeUInt8(v, i);
  });
  const pgm = join(dir, `${name}.pgm`);
  const j2c = join(dir, `${name}.j2c`);
  writeFileSync(pgm, Buffer.concat([Buffer.from(`P5\n${width} ${height}\n${maxValue}\n`), body]));
  execFileSync(OJPH, ['-i', pgm, '-o', j2c, '-reversible', 'true'], { stdio: 'ignore' });
  return new Uint8Array(readFileSync(j2c));
}

describe.skipIf(openjph.skip)(openjph.title('HTJ2K'), () => {
  it.each([
    ['1.2.840.10008.1.2.4.201', 16, 65535],
    ['1.2.840.10008.1.2.4.202', 16, 4095],
    ['1.2.840.10008.1.2.4.203', 8, 255],
  ] as const)('decodes %s (%i-bit) losslessly', async (uid, bits, maxValue) => {
    const size = 40;
    const values = Array.from(
      { length: size * size },
      (_, i) => ((i % size) * 37 + Math.floor(i / size) * 91) % (maxValue + 1),
    );
    const elements = imageElements({
      rows: size,
      columns: size,
      bitsAllocated: bits,
      bitsStored: Math.log2(maxValue + 1),
      modality: 'MR',
    });
    const plain = join(dir, `${uid}-plain.dcm`);
    await writeDicom(plain, {
      elements,
      pixelData: bits === 16 ? Uint16Array.from(values) : Uint8Array.from(values),
    });
    const compressed = join(dir, `${uid}.dcm`);
    await writeDicom(compressed, {
      elements,
      pixelData: { frames: [htj2k(uid, size, size, maxValue, values)] },
      transferSyntax: uid,
    });
    const expected = await renderDicom(plain);
    const actual = await renderDicom(compressed);
    expect(Array.from(actual.data)).toEqual(Array.from(expected.data));
  });
});
