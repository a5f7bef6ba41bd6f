import { describe, expect, it } from 'vitest';
import { DEFAULT_ARCHIVE_LIMITS } from '../../actions/lib/guard/archive-limits.js';
import { bufferSource } from '../../actions/lib/guard/byte-source.js';
import { inspectArchive } from '../../actions/lib/guard/inspect-archive.js';
import { gzipSync, makeDicom, makeJpeg, makeNifti, makePng, makeTar, makeZip } from './helpers/fixtures.js';

const text = (s: string) => Buffer.from(s);

describe('inspectArchive', () => {
  it('finds a JPEG inside a deflated zip and a DICOM inside a stored one', async () => {
    const zip = makeZip([
      { name: 'readme.txt', data: text('notes') },
      { name: 'images/x.bin', data: makeJpeg() },
    ]);
    expect(await inspectArchive(bufferSource(zip), 'zip')).toEqual({
      hits: [{ member: 'images/x.bin', kind: 'jpeg' }],
      problems: [],
    });
    const stored = makeZip([{ name: 'a.dat', data: makeDicom() }], { method: 0 });
    expect((await inspectArchive(bufferSource(stored), 'zip')).hits).toEqual([
      { member: 'a.dat', kind: 'dicom' },
    ]);
  });

  it('passes an archive of text only', async () => {
    const zip = makeZip([{ name: 'a.txt', data: text('hello'.repeat(1000)) }]);
    expect(await inspectArchive(bufferSource(zip), 'zip')).toEqual({ hits: [], problems: [] });
  });

  it('walks a .tar.gz to every member, including a gzipped NIfTI and a zip nested in it', async () => {
    const tar = makeTar([
      { name: 'docs/readme.md', data: text('# hi\n') },
      { name: 'sub/t1ce_img.nii.gz', data: gzipSync(makeNifti()) },
      { name: 'big.txt', data: Buffer.alloc(300_000, 0x61) },
      { name: 'inner.zip', data: makeZip([{ name: 'deep/img.png', data: makePng() }]) },
    ]);
    const result = await inspectArchive(bufferSource(gzipSync(tar)), 'gzip');
    expect(result.problems).toEqual([]);
    expect(result.hits).toEqual([
      { member: 'sub/t1ce_img.nii.gz', kind: 'nifti' },
      { member: 'inner.zip/deep/img.png', kind: 'png' },
    ]);
  });

  it('reports what it cannot inspect instead of passing it', async () => {
    const encrypted = makeZip([{ name: 'secret.dcm', data: makeDicom() }], { encrypted: true });
    expect((await inspectArchive(bufferSource(encrypted), 'zip')).problems).toEqual([
      'a member: encrypted member',
    ]);
    const truncated = makeZip([{ name: 'a.txt', data: text('x') }]).subarray(0, 20);
    expect((await inspectArchive(bufferSource(truncated), 'zip')).problems[0]).toMatch(/central directory/);
  });

  it('stops a decompression bomb at the inflate limit', async () => {
    const bomb = gzipSync(makeTar([{ name: 'zeros.bin', data: Buffer.alloc(8 * 1024 * 1024) }]));
    const limits = { ...DEFAULT_ARCHIVE_LIMITS, maxInflatedBytes: 1024 * 1024 };
    const result = await inspectArchive(bufferSource(bomb), 'gzip', limits);
    expect(result.problems).toEqual(['inflates to more than 1048576 bytes']);
  });

  it('sees a NIfTI through a plain gzip (a tracked .nii.gz)', async () => {
    const result = await inspectArchive(bufferSource(gzipSync(makeNifti())), 'gzip');
    expect(result).toEqual({ hits: [{ member: '', kind: 'nifti' }], problems: [] });
  });
});
