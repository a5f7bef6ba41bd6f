import { brotliCompressSync, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ARCHIVE_LIMITS } from '../../../actions/lib/guard/archive-limits.js';
import { bufferSource } from '../../../actions/lib/guard/byte-source.js';
import { DEFAULT_SCAN, inspectContent } from '../../../actions/lib/guard/inspect-content.js';
import { findingsFor, inspect, inTemp, noise, python, realDicom, realPng } from './make.js';

const dicom = realDicom();
const files = { 'scan.dcm': dicom, 'notes.txt': 'hello\n' };

/** Hits and problems of the one archive observation, or of whatever else came back. */
async function archiveOf(bytes: Buffer) {
  const [o, ...rest] = await inspect('a', bytes);
  expect(rest).toEqual([]);
  return o as { type: string; kind: string; hits?: { member: string; kind: string }[]; problems?: string[] };
}

describe('archives of every common kind', () => {
  it.each([
    ['cpio newc', 'printf "scan.dcm\\nnotes.txt\\n" | cpio -o -H newc 2>/dev/null', 'cpio'],
    ['cpio crc', 'printf "scan.dcm\\nnotes.txt\\n" | cpio -o -H crc 2>/dev/null', 'cpio'],
    ['cpio odc', 'printf "scan.dcm\\nnotes.txt\\n" | cpio -o -H odc 2>/dev/null', 'cpio'],
    ['cpio bin', 'printf "scan.dcm\\nnotes.txt\\n" | cpio -o -H bin 2>/dev/null', 'cpio'],
    ['ar', 'ar rc x.a scan.dcm notes.txt && cat x.a', 'ar'],
    [
      'tar with a GNU long name',
      'mkdir -p d && cp scan.dcm d/$(printf "%0120d" 0) && tar --format=gnu -cf - d',
      'tar',
    ],
    ['pax tar', 'mkdir -p d && cp scan.dcm d/$(printf "%0120d" 0) && tar --format=pax -cf - d', 'tar'],
    ['sparse tar', 'truncate -s 1M big && cat scan.dcm >> big && tar --sparse --format=gnu -cf - big', 'tar'],
    ['tar.gz', 'tar -czf - scan.dcm notes.txt', 'gzip'],
    [
      'zlib stream',
      "/usr/bin/python3 -c \"import sys,zlib;sys.stdout.buffer.write(zlib.compress(open('scan.dcm','rb').read()))\"",
      'zlib',
    ],
    [
      'zip64',
      "/usr/bin/python3 -c \"import sys,zipfile,io;b=io.BytesIO();z=zipfile.ZipFile(b,'w',zipfile.ZIP_DEFLATED);z.open('s.dcm','w',force_zip64=True).write(open('scan.dcm','rb').read());z.close();sys.stdout.buffer.write(b.getvalue())\"",
      'zip',
    ],
  ])('finds the DICOM in a %s', async (_, command, kind) => {
    const o = await archiveOf(inTemp(files, command));
    expect(o).toMatchObject({ type: 'archive', kind });
    expect(o.hits!.map((h) => h.kind)).toContain('dicom');
  });

  it('finds the members of a zip behind a prefix and reports the prefix', async () => {
    const zip = inTemp(files, 'zip -q x.zip scan.dcm notes.txt && cat x.zip', undefined);
    const prefixed = Buffer.concat([noise(5000, 3), zip]);
    expect(inTemp({ 'p.zip': prefixed }, 'unzip -l p.zip 2>/dev/null || true').toString()).toMatch(
      /scan\.dcm/,
    );
    const o = await archiveOf(prefixed);
    expect(o).toMatchObject({ type: 'archive', kind: 'zip' });
    expect(o.hits).toContainEqual({ member: 'scan.dcm', kind: 'dicom' });
    expect(o.problems!.join()).toMatch(/belong to no member/);
  });

  it('reports the raw tensors of a PyTorch-style zip and the members of an .npz', async () => {
    const pt = python(
      'import sys,io,zipfile,pickle,numpy as np;b=io.BytesIO();z=zipfile.ZipFile(b,"w",zipfile.ZIP_STORED);z.writestr("archive/data.pkl",pickle.dumps({"w":1},protocol=2));z.writestr("archive/data/0",np.random.default_rng(1).uniform(1,2,4096).astype("<f4").tobytes());z.writestr("archive/version","3\\n");z.close();sys.stdout.buffer.write(b.getvalue())',
    );
    const o = await archiveOf(pt);
    expect(o.hits).toEqual([
      { member: 'archive/data.pkl', kind: 'Python pickle' },
      { member: 'archive/data/0', kind: 'unrecognised binary' },
    ]);
    const npz = python(
      'import sys,io,numpy as np;b=io.BytesIO();np.savez_compressed(b,img=np.zeros((32,32),np.uint8));sys.stdout.buffer.write(b.getvalue())',
    );
    expect((await archiveOf(npz)).hits).toEqual([{ member: 'img.npy', kind: 'npy' }]);
  });

  it('reports opaque compressors as errors', async () => {
    for (const [command, kind] of [
      ['xz -c scan.dcm', 'xz'],
      ['bzip2 -c scan.dcm', 'bzip2'],
      ['zstd -q -c scan.dcm', 'zstd'],
    ] as const) {
      const findings = await findingsFor('x', inTemp(files, command));
      expect(findings).toMatchObject([{ rule: 'guard/archive', severity: 'error' }]);
      expect(findings[0]!.message).toContain(kind);
    }
  });

  it('finds a PNG inside a member base64-encoded in a text file of a tar', async () => {
    const o = await archiveOf(
      inTemp({ 'x.json': JSON.stringify({ thumb: realPng().toString('base64') }) }, 'tar -cf - x.json'),
    );
    expect(o.hits).toEqual([{ member: 'x.json', kind: 'base64 payload (png)' }]);
  });

  it('fails closed on what a reader would see differently or past a bound', async () => {
    const tar = inTemp(files, 'tar -cf - notes.txt');
    const trailing = Buffer.concat([tar, dicom]);
    expect(
      (await archiveOf(trailing)).hits!.length + (await archiveOf(trailing)).problems!.length,
    ).toBeGreaterThan(0);
    const gz = inTemp(files, 'gzip -c notes.txt');
    // Node's gunzip stops at the garbage: either way the archive is a problem, never a pass.
    expect((await archiveOf(Buffer.concat([gz, dicom]))).problems!.join()).toMatch(/gzip/);
    const gzText = inTemp({ 'n.txt': 'x'.repeat(200_000) }, 'gzip -c n.txt');
    expect(
      (await archiveOf(Buffer.concat([gzText, Buffer.from('junk after the stream')]))).problems!.join(),
    ).toMatch(/gzip/);
    // Nesting past the bound.
    let nested = inTemp(files, 'zip -q -0 x.zip notes.txt && cat x.zip');
    for (let i = 0; i < 5; i++) nested = inTemp({ 'n.zip': nested }, 'zip -q -0 y.zip n.zip && cat y.zip');
    expect((await archiveOf(nested)).problems!.join()).toMatch(/nested deeper/);
    // A bomb past the inflate budget.
    const bomb = inTemp({}, 'head -c 50000000 /dev/zero | gzip -c');
    const limits = { ...DEFAULT_ARCHIVE_LIMITS, maxInflatedBytes: 10_000_000 };
    const result = await inspectContent('b.gz', bufferSource(bomb), DEFAULT_SCAN, {
      depth: 0,
      budget: { spent: 0 },
      limits,
    });
    expect(result).toMatchObject([{ type: 'archive' }]);
  });

  it('names a DICOM in a raw deflate or brotli stream (no signature of their own)', async () => {
    expect(await inspect('a.bin', deflateRawSync(dicom))).toMatchObject([{ type: 'data', kind: 'dicom' }]);
    expect(await inspect('a.br', brotliCompressSync(dicom))).toMatchObject([{ type: 'data', kind: 'dicom' }]);
  });

  it('passes archives of text only', async () => {
    expect(await inspect('a.tar', inTemp({ 'notes.txt': 'hello\n' }, 'tar -cf - notes.txt'))).toEqual([]);
    expect(
      await inspect('a.zip', inTemp({ 'notes.txt': 'hello\n' }, 'zip -q x.zip notes.txt && cat x.zip')),
    ).toEqual([]);
  });
});

describe('room in archive headers that no extractor outputs', () => {
  it('reports a payload in a zip comment or extra field, and in a gzip header comment', async () => {
    const payload = realPng(24).toString('base64');
    const commented = inTemp(
      { 'notes.txt': 'hi\n', 'c.txt': payload },
      'zip -q x.zip notes.txt && zip -q -z x.zip < c.txt && cat x.zip',
    );
    expect((await archiveOf(commented)).problems!.join()).toMatch(/comments or extra fields/);
    const gz = python(
      `import sys,gzip,io;b=io.BytesIO();g=gzip.GzipFile(fileobj=b,mode="wb",filename="n.txt");g.write(b"hi");g.close();v=bytearray(b.getvalue());v[3]|=16;v[10:10]=b"${payload}\\x00";sys.stdout.buffer.write(bytes(v))`,
    );
    expect((await archiveOf(gz)).problems!.join()).toMatch(/gzip header fields carry/);
  });
});

describe('messages about archives', () => {
  it('never repeat member names, which can carry identifiers', async () => {
    const zip = inTemp(
      { 'Doe_Jane_1957.dcm': realDicom() },
      'zip -q -e -P pw x.zip Doe_Jane_1957.dcm 2>/dev/null; zip -q y.zip Doe_Jane_1957.dcm && cat y.zip',
    );
    const findings = await findingsFor('bundle.zip', zip);
    expect(findings).toMatchObject([{ rule: 'guard/archive', severity: 'error', file: 'bundle.zip' }]);
    expect(findings[0]!.message).toMatch(/dicom/);
    expect(JSON.stringify(findings)).not.toMatch(/Doe|Jane|1957/);
  });
});
