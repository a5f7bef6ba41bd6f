/** Archives of every common kind and member type, with prefixes, nesting and compression. */
import { gzipSync } from 'node:zlib';
import { makeZip } from '../../guard/helpers/fixtures.js';
import type { Attempt } from '../attempt.js';
import { ar, compress, cpio, tar } from './archive-writers.js';
import { addFile } from './make.js';

const C = 'archive';

export function archiveAttempts(): Attempt[] {
  const tarOut = (f: string, flags = '') => `dicom_ok(sh("tar -xO${flags}f ${f}"))`;
  return [
    addFile(
      C,
      'tar-contiguous-member',
      'vendor/bundle.tar',
      (p) => tar([{ name: 'scan.dcm', data: p.dicom, type: '7' }]),
      tarOut('vendor/bundle.tar'),
    ),
    addFile(
      C,
      'tar-gnu-long-name',
      'vendor/long.tar',
      (p) => tar([{ name: `${'deep/'.repeat(25)}scan.dcm`, data: p.dicom, longName: 'gnu' }]),
      tarOut('vendor/long.tar'),
    ),
    addFile(
      C,
      'tar-pax-name',
      'vendor/pax.tar',
      (p) => tar([{ name: 'a/scan.dcm', data: p.dicom, longName: 'pax' }]),
      tarOut('vendor/pax.tar'),
    ),
    addFile(
      C,
      'tar-member-named-txt',
      'vendor/notes.tar',
      (p) =>
        tar([
          { name: 'README.txt', data: Buffer.from('notes\n') },
          { name: 'notes.txt', data: p.dicom },
        ]),
      'dicom_ok(sh("tar -xOf vendor/notes.tar notes.txt"))',
    ),
    addFile(
      C,
      'tar-gz-named-log',
      'logs/run.log',
      (p) => gzipSync(tar([{ name: 'scan.dcm', data: p.dicom }])),
      tarOut('logs/run.log', 'z'),
    ),
    addFile(
      C,
      'tar-bz2',
      'vendor/b.tar.bz2',
      (p) => compress('bzip2', tar([{ name: 'x.png', data: p.png }])),
      'image_ok(sh("tar -xOjf vendor/b.tar.bz2"))',
    ),
    addFile(
      C,
      'tar-xz',
      'vendor/x.tar.xz',
      (p) => compress('xz', tar([{ name: 'x.png', data: p.png }])),
      'image_ok(sh("tar -xOJf vendor/x.tar.xz"))',
    ),
    addFile(
      C,
      'tar-zstd',
      'vendor/z.tar.zst',
      (p) => compress('zstd', tar([{ name: 'scan.dcm', data: p.dicom }])),
      'dicom_ok(sh("zstd -dc vendor/z.tar.zst | tar -xO"))',
    ),
    addFile(
      C,
      'zip-with-shell-prefix',
      'tools/install.sh',
      (p) =>
        Buffer.concat([
          Buffer.from('#!/bin/sh\necho installing\nexit 0\n'),
          makeZip([{ name: 'scan.dcm', data: p.dicom }]),
        ]),
      // unzip warns of the prefix (exit 1) and extracts all the same.
      'dicom_ok(sh("unzip -p tools/install.sh scan.dcm; true"))',
    ),
    addFile(
      C,
      'zip-named-docx',
      'docs/protocol.docx',
      (p) => makeZip([{ name: 'word/media/image1.png', data: p.png }], { method: 0 }),
      'image_ok(sh("unzip -p docs/protocol.docx word/media/image1.png"))',
    ),
    addFile(
      C,
      'zip-in-tar-in-gz',
      'vendor/nested.tgz',
      (p) => gzipSync(tar([{ name: 'inner.zip', data: makeZip([{ name: 'scan.dcm', data: p.dicom }]) }])),
      'd = tempfile.mkdtemp(); sh(f"tar -xzf vendor/nested.tgz -C {d}"); dicom_ok(sh(f"unzip -p {d}/inner.zip scan.dcm"))',
    ),
    addFile(
      C,
      'zip-in-zip-in-zip',
      'vendor/russian.zip',
      (p) =>
        makeZip([
          {
            name: 'b.zip',
            data: makeZip([{ name: 'c.zip', data: makeZip([{ name: 'x.png', data: p.png }]) }]),
          },
        ]),
      'image_ok(zipfile.ZipFile(io.BytesIO(zipfile.ZipFile(io.BytesIO(zipfile.ZipFile("vendor/russian.zip").read("b.zip"))).read("c.zip"))).read("x.png"))',
    ),
    addFile(
      C,
      'cpio-newc',
      'vendor/initrd.cpio',
      (p) => cpio([{ name: 'scan.dcm', data: p.dicom }], 'newc'),
      'dicom_ok(sh("cpio -i --quiet --to-stdout scan.dcm < vendor/initrd.cpio"))',
    ),
    addFile(
      C,
      'cpio-odc-gz',
      'vendor/image.cpio.gz',
      (p) => gzipSync(cpio([{ name: 'x.png', data: p.png }], 'odc')),
      'image_ok(sh("gzip -dc vendor/image.cpio.gz | cpio -i --quiet --to-stdout x.png"))',
    ),
    addFile(
      C,
      'ar-archive',
      'vendor/libscan.a',
      (p) => ar([{ name: 'scan.dcm', data: p.dicom }]),
      'dicom_ok(sh("ar p vendor/libscan.a scan.dcm"))',
    ),
    addFile(
      C,
      'gzip-dicom-named-log',
      'logs/build.log',
      (p) => gzipSync(p.dicom),
      'dicom_ok(sh("gzip -dc logs/build.log"))',
    ),
    addFile(
      C,
      'bzip2-dicom',
      'vendor/scan.bz2',
      (p) => compress('bzip2', p.dicom),
      'dicom_ok(sh("bzip2 -dc vendor/scan.bz2"))',
    ),
    addFile(
      C,
      'xz-png',
      'vendor/scan.xz',
      (p) => compress('xz', p.png),
      'image_ok(sh("xz -dc vendor/scan.xz"))',
    ),
    addFile(
      C,
      'pt-zip-of-raw-tensors',
      'model/checkpoint.pt',
      (p) =>
        makeZip(
          [
            { name: 'checkpoint/data.pkl', data: Buffer.from([0x80, 0x02, 0x7d, 0x71, 0x00, 0x2e]) },
            { name: 'checkpoint/data/0', data: p.sinogram },
            { name: 'checkpoint/version', data: Buffer.from('3\n') },
          ],
          { method: 0 },
        ),
      'sino_ok(np.frombuffer(zipfile.ZipFile("model/checkpoint.pt").read("checkpoint/data/0"), "<f4"))',
    ),
    {
      id: `${C}/png-split-over-three-files`,
      cls: C,
      files: ['assets/part.aa', 'assets/part.ab', 'assets/part.ac'],
      requireAll: false,
      async build(r, p) {
        const third = Math.ceil(p.png.length / 3);
        for (const [i, s] of ['aa', 'ab', 'ac'].entries()) {
          await r.write(`assets/part.${s}`, p.png.subarray(i * third, (i + 1) * third));
        }
        await r.commit('parts');
      },
      proof:
        'pixels_ok(np.array(Image.open(io.BytesIO(sh("cat assets/part.aa assets/part.ab assets/part.ac")))))',
    },
    addFile(
      C,
      'split-tail-no-signature',
      'assets/tail.bin',
      // Two thirds of a PNG without its signature: no tool reads it alone.
      (p) => p.png.subarray(Math.ceil(p.png.length / 3)),
    ),
  ];
}
