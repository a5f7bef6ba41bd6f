import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  detectContent,
  detectDataKind,
  isPreamblelessDicom,
} from '../../actions/lib/guard/detect-data-file.js';
import {
  gzipSync,
  makeAvi,
  makeDicom,
  makeHdf5,
  makeJpeg,
  makeMp4,
  makeNifti,
  makeNpy,
  makePng,
  makeTar,
  makeZip,
} from './helpers/fixtures.js';

describe('detectDataKind', () => {
  it.each([
    ['dicom', makeDicom()],
    ['dicom', makeDicom({ preamble: false })],
    ['png', makePng()],
    ['jpeg', makeJpeg()],
    ['gif', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1')],
    ['tiff', Buffer.from('II*\0\x08\0\0\0', 'latin1')],
    ['tiff', Buffer.from('MM\0*\0\0\0\x08', 'latin1')],
    ['mp4/mov', makeMp4()],
    ['avi', makeAvi()],
    ['hdf5', makeHdf5()],
    ['hdf5', Buffer.concat([Buffer.alloc(512), makeHdf5()])],
    ['nifti', makeNifti()],
    ['npy', makeNpy()],
  ])('recognises %s by content', (kind, bytes) => {
    expect(detectDataKind(bytes)).toBe(kind);
  });

  it('does not take text, JSON or source code for data', () => {
    for (const text of [
      '{"id": "scenario_001"}\n',
      '# README\n\nBM is not a bitmap\n',
      'GIF is a format\n',
      'export const x = 1;\n',
    ]) {
      expect(detectContent(Buffer.from(text)).class).toBe('text');
    }
  });

  it('recognises preamble-less DICOM only when three elements parse', () => {
    expect(isPreamblelessDicom(makeDicom({ preamble: false }))).toBe(true);
    const broken = makeDicom({ preamble: false });
    broken.writeUInt16LE(0xffff, 6); // an absurd length for the first element
    expect(isPreamblelessDicom(broken)).toBe(false);
    expect(isPreamblelessDicom(Buffer.from([0x02, 0x00, 0x00, 0x00, 0x41, 0x41, 0x41, 0x41, 0x41]))).toBe(
      false,
    );
  });

  it('classifies archives, opaque archives and LFS pointers', () => {
    expect(detectContent(makeZip([{ name: 'a.txt', data: Buffer.from('hi') }]))).toEqual({
      class: 'archive',
      kind: 'zip',
    });
    expect(detectContent(gzipSync(Buffer.from('hello')))).toEqual({ class: 'archive', kind: 'gzip' });
    expect(detectContent(makeTar([{ name: 'a.txt', data: Buffer.from('hi') }]))).toEqual({
      class: 'archive',
      kind: 'tar',
    });
    expect(detectContent(Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4]))).toEqual({
      class: 'opaque-archive',
      kind: '7z',
    });
    const pointer =
      'version https://git-lfs.github.com/spec/v1\noid sha256:' + 'a'.repeat(64) + '\nsize 12345\n';
    expect(detectContent(Buffer.from(pointer))).toEqual({ class: 'lfs-pointer' });
    expect(detectContent(Buffer.from([1, 2, 3, 0, 5]))).toEqual({ class: 'binary' });
  });

  it('never takes printable text for data or an archive (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 0, maxLength: 600 }), (text) => {
        const detection = detectContent(Buffer.from(text, 'utf8'));
        return detection.class === 'text' || detection.class === 'binary';
      }),
      { numRuns: 2000 },
    );
  });
});
