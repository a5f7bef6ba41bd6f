/** Data that the pull request's head no longer holds but its commits do: it ships in the merge history. */
import { type Attempt, attemptsOf } from '../attempt.js';

const C = 'history';

export function historyAttempts(): Attempt[] {
  const a = attemptsOf(C);
  return [
    a(
      'added-then-deleted',
      ['scans/case.dcm'],
      async (r, p) => {
        await r.write('scans/case.dcm', p.dicom);
        await r.commit('add scan');
        await r.remove('scans/case.dcm');
        await r.commit('oops, remove scan');
      },
      'dicom_ok(history("scans/case.dcm"))',
    ),
    a(
      'disguised-added-then-deleted',
      ['docs/figure.bin'],
      async (r, p) => {
        await r.write('docs/figure.bin', Buffer.concat([Buffer.from('x'), p.dicom]));
        await r.commit('figure');
        await r.remove('docs/figure.bin');
        await r.commit('drop figure');
      },
      'dicom_ok(history("docs/figure.bin")[1:])',
    ),
    a(
      'merged-side-branch-then-deleted',
      ['assets/side.png'],
      async (r, p) => {
        await r.git('checkout', '-q', '-b', 'side', 'main');
        await r.write('assets/side.png', p.png);
        await r.commit('side: image');
        await r.git('checkout', '-q', 'pr');
        await r.write('README.md', `${await r.read('README.md')}\nMore notes.\n`);
        await r.commit('notes');
        await r.git('merge', '-q', '--no-ff', '-m', 'merge side', 'side');
        await r.remove('assets/side.png');
        await r.commit('remove image');
      },
      'image_ok(history("assets/side.png"))',
    ),
    a(
      'side-branch-merged-with-strategy-ours',
      ['assets/ours.dcm'],
      async (r, p) => {
        await r.git('checkout', '-q', '-b', 'side', 'main');
        await r.write('assets/ours.dcm', p.dicom);
        await r.commit('side: scan');
        await r.git('checkout', '-q', 'pr');
        await r.git('merge', '-q', '-s', 'ours', '-m', 'merge side (keeping ours)', 'side');
      },
      'dicom_ok(history("assets/ours.dcm"))',
    ),
    a(
      'renamed-then-deleted',
      ['scans/a.dcm', 'docs/a.txt'],
      async (r, p) => {
        await r.write('scans/a.dcm', p.dicom);
        await r.commit('scan');
        await r.write('docs/a.txt', p.dicom);
        await r.remove('scans/a.dcm');
        await r.commit('rename');
        await r.remove('docs/a.txt');
        await r.commit('delete');
      },
      'dicom_ok(history("docs/a.txt"))',
    ),
    a(
      'overwritten-with-text',
      ['docs/notes.txt'],
      async (r, p) => {
        await r.write('docs/notes.txt', p.py.pdf as Buffer);
        await r.commit('notes');
        await r.write('docs/notes.txt', 'Just notes.\n');
        await r.commit('notes as text');
      },
      'd = tempfile.mkdtemp(); open(d + "/x.pdf", "wb").write(history("docs/notes.txt")); sh(f"pdfimages -all {d}/x.pdf {d}/img"); image_ok(read(glob.glob(d + "/img*")[0]))',
    ),
    a(
      'reverted',
      ['analysis/scan.npy'],
      async (r, p) => {
        await r.write('analysis/scan.npy', p.py.npy as Buffer);
        await r.commit('array');
        await r.git('revert', '--no-edit', 'HEAD');
      },
      'pixels_ok(np.load(io.BytesIO(history("analysis/scan.npy"))))',
    ),
    a(
      'deep-in-six-commits',
      ['assets/deep.tif'],
      async (r, p) => {
        for (let i = 0; i < 6; i++) {
          if (i === 1) await r.write('assets/deep.tif', p.py['tiff-le'] as Buffer);
          if (i === 4) await r.remove('assets/deep.tif');
          await r.write('docs/log.md', `step ${i}\n`);
          await r.commit(`step ${i}`);
        }
      },
      'pixels_ok(np.array(Image.open(io.BytesIO(history("assets/deep.tif")))))',
    ),
    a(
      'directory-added-then-removed',
      ['tmp/export/one.pgm'],
      async (r, p) => {
        await r.write('tmp/export/one.pgm', p.pgmBinary);
        await r.write('tmp/export/README.md', 'export\n');
        await r.commit('export');
        await r.remove('tmp');
        await r.commit('clean');
      },
      'pixels_ok(np.array(Image.open(io.BytesIO(history("tmp/export/one.pgm")))))',
    ),
    a(
      'replaced-by-symlink',
      ['assets/scan.raw'],
      async (r, p) => {
        await r.write('assets/scan.raw', p.pixels);
        await r.commit('raw');
        await r.symlink('../README.md', 'assets/scan.raw');
        await r.commit('link instead');
      },
      'pixels_ok(np.frombuffer(history("assets/scan.raw"), np.uint8))',
    ),
    a(
      'sinogram-added-then-deleted',
      ['assets/sino.bin'],
      async (r, p) => {
        await r.write('assets/sino.bin', p.sinogram);
        await r.commit('sino');
        await r.remove('assets/sino.bin');
        await r.commit('drop');
      },
      'sino_ok(np.frombuffer(history("assets/sino.bin"), "<f4"))',
    ),
  ];
}
