import { describe, expect, it } from 'vitest';
import { scanText } from '../../actions/lib/guard/scan-text.js';
import { noise } from './detect/make.js';
import { makeDicom, makePng } from './helpers/fixtures.js';

describe('scanText', () => {
  it('finds a 20 kB base64 blob in JSON, with its line and column and what it decodes to', () => {
    const blob = Buffer.concat([makePng(), Buffer.alloc(15_000, 7)]).toString('base64');
    const json = `{\n  "id": "x",\n  "thumbnail": "${blob}"\n}\n`;
    const [found, ...rest] = scanText(json, 'scenarios/x.json');
    expect(rest).toEqual([]);
    expect(found).toMatchObject({ kind: 'base64', line: 3, column: 17, decodesTo: 'png' });
    expect(found!.length).toBe(blob.length);
  });

  it('finds data URIs of images whatever their size, and large ones of any type', () => {
    const small = `<img src="data:image/png;base64,${makePng(2, 2).toString('base64')}">`;
    expect(scanText(`line one\n${small}\n`, 'docs/a.md')).toMatchObject([
      { kind: 'data-uri', line: 2, column: 11, mediaType: 'image/png', decodesTo: 'png' },
    ]);
    const dicom = `x = "data:;base64,${makeDicom().toString('base64').repeat(2)}"`;
    expect(scanText(dicom, 'a.py')).toMatchObject([{ kind: 'data-uri', decodesTo: 'dicom' }]);
  });

  it('finds base64 wrapped over many lines, and long hex', () => {
    const wrapped = noise(6000)
      .toString('base64')
      .match(/.{1,76}/g)!
      .join('\n');
    expect(scanText(`-----BEGIN-----\n${wrapped}\n-----END-----\n`, 'k.pem')).toMatchObject([
      { kind: 'base64-lines', line: 2 },
    ]);
    const hex = makeDicom().toString('hex').padEnd(9000, '0');
    expect(scanText(`const h = '${hex}';`, 'a.js')).toMatchObject([{ kind: 'hex', decodesTo: 'dicom' }]);
  });

  it('ignores short strings, hashes and inlined WebAssembly', () => {
    const hashes = Array.from({ length: 500 }, (_, i) => `"${i.toString(16).padStart(64, 'a')}"`).join(',\n');
    expect(scanText(`[${hashes}]`, 'manifests/locks/a.json')).toEqual([]);
    const wasm = Buffer.concat([
      Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]),
      Buffer.alloc(9000, 5),
    ]).toString('base64');
    expect(scanText(`module.exports = Buffer.from("${wasm}", "base64");`, 'dist/index.js')).toEqual([]);
  });

  it('flags filter=lfs in .gitattributes', () => {
    expect(scanText('*.dcm filter=lfs diff=lfs merge=lfs -text\n', '.gitattributes')).toMatchObject([
      { kind: 'lfs-attribute', line: 1, column: 7 },
    ]);
  });
});
