import { describe, expect, it } from 'vitest';
import { findingsFor, inspect, noise, python, realDicom } from './make.js';

describe('binary fails closed', () => {
  it('reports a float32 sinogram with no NUL bytes as an unrecognised binary error', async () => {
    const sinogram = python(
      'import sys,numpy as np;a=np.random.default_rng(3).uniform(1.5,900.0,(180,256)).astype("<f4");b=a.tobytes();b=b.replace(b"\\x00",b"\\x01");sys.stdout.buffer.write(b)',
    );
    expect(sinogram.includes(0)).toBe(false);
    const findings = await findingsFor('data/sino.txt', sinogram);
    expect(findings).toMatchObject([{ rule: 'guard/binary', severity: 'error', file: 'data/sino.txt' }]);
    expect(findings[0]!.message).toMatch(/may be data.*allowed_binary_files.*base/);
  });

  it('takes printable packed 16-bit pixels for binary by their stride', async () => {
    // A smooth 16-bit image whose every byte is printable ASCII: valid UTF-8, no controls, no NUL.
    const pixels = Buffer.alloc(64 * 64 * 2);
    for (let i = 0; i < 64 * 64; i++) {
      pixels[2 * i] = 0x21 + ((i * 7) % 90);
      pixels[2 * i + 1] = 0x41 + ((i >> 9) % 4);
    }
    expect(await inspect('x.txt', pixels)).toMatchObject([{ type: 'binary' }]);
  });

  it('judges the whole file: binary after 64 KiB of text is binary', async () => {
    const bytes = Buffer.concat([Buffer.from('# notes\n'.repeat(20_000)), noise(4096)]);
    expect(await inspect('notes.md', bytes)).toMatchObject([{ type: 'binary' }]);
  });

  it('leaves text in any script alone, including a sequence cut at the end', async () => {
    const text = Buffer.from('Ünïcödé テキスト 🙂 text\n'.repeat(5000));
    expect(await inspect('a.md', text)).toEqual([]);
    expect(await inspect('b.md', text.subarray(0, text.length - 1))).toEqual([]);
  });

  it('reports an executable and a text-only PDF as named binaries', async () => {
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
    );
    expect(await inspect('doc.pdf', pdf)).toMatchObject([{ type: 'binary', format: 'PDF document' }]);
    expect(
      await inspect('tool', Buffer.concat([Buffer.from('\x7fELF\x02\x01\x01', 'latin1'), noise(200)])),
    ).toMatchObject([{ type: 'binary', format: 'executable' }]);
  });
});

describe('DICOM wherever its data set starts', () => {
  const dicom = realDicom();
  it.each([
    ['one byte prepended', Buffer.concat([Buffer.from([0x42]), dicom])],
    ['N bytes prepended', Buffer.concat([noise(1234), dicom])],
    ['appended after text', Buffer.concat([Buffer.from('readme\n'.repeat(30_000)), dicom])],
    ['preamble-less at an odd offset', Buffer.concat([noise(7, 9), dicom.subarray(132)])],
    [
      'only its pixel data element',
      Buffer.concat([noise(301, 5), dicom.subarray(dicom.indexOf(Buffer.from([0xe0, 0x7f, 0x10, 0x00])))]),
    ],
  ])('finds a DICOM with %s', async (_, bytes) => {
    expect(await inspect('f.bin', bytes)).toMatchObject([{ type: 'data', kind: 'dicom' }]);
  });

  it('finds implicit-VR and big-endian data sets from pydicom', async () => {
    for (const file of ['ExplVR_BigEndNoMeta.dcm', 'ExplVR_LitEndNoMeta.dcm', 'rtplan.dcm']) {
      const bytes = python(
        `import sys;sys.stdout.buffer.write(b"\\x07"+open("/usr/lib/python3/dist-packages/pydicom/data/test_files/${file}","rb").read())`,
      );
      expect(await inspect(file, bytes)).toMatchObject([{ type: 'data', kind: 'dicom' }]);
    }
  });
});
