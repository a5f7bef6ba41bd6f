/** Pointers to data stored elsewhere (git-annex, DVC, git-lfs of every version), submodules and symlinks. */
import { createHash } from 'node:crypto';
import type { Attempt } from '../attempt.js';
import type { Payloads } from '../payloads.js';
import { addFile } from './make.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');
/** The proof: the pointer names an object of the payload's real size and hash. */
const names = (file: string, what: 'sha256' | 'md5') =>
  `t = read(${JSON.stringify(file)}).decode() if not os.path.islink(${JSON.stringify(file)}) else os.readlink(${JSON.stringify(file)}); d = read(os.path.join(PAYLOADS, "dicom.dcm")); assert str(len(d)) in t and hashlib.${what}(d).hexdigest() in t, "pointer"; dicom_ok(d)`;

export function pointerAttempts(): Attempt[] {
  const key = (p: Payloads) => `SHA256E-s${p.dicom.length}--${sha256(p.dicom)}.dcm`;
  const C = 'pointer';
  return [
    {
      id: `${C}/git-annex-symlink`,
      cls: C,
      files: ['scans/case.dcm'],
      async build(r, p) {
        const k = key(p);
        await r.symlink(`../.git/annex/objects/Qx/8v/${k}/${k}`, 'scans/case.dcm');
        await r.commit('annex add');
      },
      proof: names('scans/case.dcm', 'sha256'),
    },
    addFile(
      C,
      'git-annex-unlocked-pointer',
      'scans/unlocked.dcm',
      (p) => `/annex/objects/${key(p)}\n`,
      names('scans/unlocked.dcm', 'sha256'),
    ),
    addFile(
      C,
      'dvc-file',
      'scans.dvc',
      (p) => `outs:\n- md5: ${md5(p.dicom)}\n  size: ${p.dicom.length}\n  hash: md5\n  path: scans\n`,
      names('scans.dvc', 'md5'),
    ),
    addFile(
      C,
      'dvc-lock',
      'dvc.lock',
      (p) =>
        `schema: '2.0'\nstages:\n  export:\n    cmd: python export.py\n    outs:\n    - path: out/case.dcm\n      md5: ${md5(p.dicom)}\n      size: ${p.dicom.length}\n`,
      names('dvc.lock', 'md5'),
    ),
    addFile(
      C,
      'lfs-hawser-pointer',
      'scans/old.dcm',
      (p) =>
        `version https://hawser.github.com/spec/v1\noid sha256:${sha256(p.dicom)}\nsize ${p.dicom.length}\n`,
      names('scans/old.dcm', 'sha256'),
    ),
    addFile(
      C,
      'lfs-alpha-pointer',
      'scans/alpha.dcm',
      (p) =>
        `version https://git-lfs.github.com/spec/v1\noid sha256:${sha256(p.dicom)}\nsize ${p.dicom.length}\n`,
      names('scans/alpha.dcm', 'sha256'),
    ),
    addFile(
      C,
      'lfs-pointer-with-extension',
      'scans/ext.bin',
      (p) =>
        `version https://git-lfs.github.com/spec/v1\next-0-encrypt sha256:${'1'.repeat(64)}\noid sha256:${sha256(p.dicom)}\nsize ${p.dicom.length}\n`,
      names('scans/ext.bin', 'sha256'),
    ),
  ];
}

export function linkAttempts(): Attempt[] {
  const C = 'submodule-symlink';
  const link = (variant: string, target: string, file: string): Attempt => ({
    id: `${C}/${variant}`,
    cls: C,
    files: [file],
    async build(r) {
      await r.symlink(target, file);
      await r.commit('link');
    },
    proof: `assert os.readlink(${JSON.stringify(file)}) == ${JSON.stringify(target)}; assert sh("git ls-tree pr ${file}").decode().startswith("120000")`,
  });
  const sub = (variant: string, file: string, url?: string): Attempt => ({
    id: `${C}/${variant}`,
    cls: C,
    files: [file],
    async build(r) {
      await r.submodule(file, '4b825dc642cb6eb9a060e54bf8d69288fbee4904'.replace('4b8', '9c1'), url);
    },
    proof: `assert sh("git ls-tree pr ${file}").decode().startswith("160000 commit")`,
  });
  return [
    sub('submodule-of-dicoms', 'vendor/scans', 'https://example.org/hospital/dicom-archive.git'),
    sub('gitlink-without-gitmodules', 'assets/images'),
    sub('submodule-in-data-folder', 'data/mura', 'https://example.org/mirror/mura.git'),
    link('symlink-into-data-folder', '../data/mura/image1.png', 'docs/example.png'),
    link('symlink-dir-to-data', 'data', 'scans'),
    link('lock-folder-linked-to-outputs', '../outputs', 'manifests/locks'),
    link('symlink-absolute-data-path', '/mnt/clinical-data/CheXpert-v1.0', 'assets/chexpert'),
    link('symlink-out-of-repository', '../../../clinical/echonet', 'assets/echo'),
    link(
      'synthetic-image-linked-to-output',
      '../../outputs/mura/scenario_001.png',
      'scenarios/synthetic_images/scenario_001.png',
    ),
  ];
}
