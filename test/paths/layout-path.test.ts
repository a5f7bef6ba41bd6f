// The layout matcher against the real thing: every file `synth --out` writes, in each dataset's real
// layout, follows its manifest; folders and files named after a patient, or dressed up as a pseudonym
// with look-alike characters, do not; and no verdict ever quotes the path.

import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileLayout, expandBraces, fallbackLayout } from '../../actions/lib/datasets/layout-path.js';
import { loadRepository } from '../../actions/lib/repository/load-repository.js';
import type { DatasetManifest } from '../../actions/lib/schema/dataset-manifest.js';
import { REPO_ROOT } from '../helpers/repository-copy.js';
import { makeSyntheticRoot } from '../synth/synthetic-root.js';

let manifests: Map<string, DatasetManifest>;
let data: { root: string; cleanup: () => Promise<void> };

beforeAll(async () => {
  const repo = await loadRepository(REPO_ROOT, ['datasets']);
  manifests = new Map(repo.datasets.map((d) => [d.value!.id, d.value!]));
  data = await makeSyntheticRoot();
}, 60_000);
afterAll(() => data?.cleanup());

const layout = (id: string) => compileLayout(manifests.get(id)!);

/** Names that identify a person, in the forms a data folder might carry them. */
const NAMES = ['DOE^JANE', 'DOE_JANE', 'Jane Doe 1961-02-03', 'JaneDoe', 'patient_DOE^JANE'];

/** A verdict's reason must not hold any segment of the path it judged, beyond what the layout fixes. */
function expectNoEcho(reason: string, ...secrets: string[]): void {
  for (const s of secrets) expect(reason, `reason echoes "${s}"`).not.toContain(s);
}

describe('layout matcher', () => {
  it('passes every file synth writes, for each of the 7 datasets', () => {
    expect([...manifests.keys()].sort()).toEqual([
      'brain-mets-lung',
      'chexpert',
      'coca',
      'echonet-dynamic',
      'mura',
      'sinoct',
      'thyroid-ultrasound',
    ]);
    for (const id of manifests.keys()) {
      const dir = path.join(data.root, id);
      const files = readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
      expect(files.length, id).toBeGreaterThan(1);
      const m = layout(id);
      const refused = files.filter((f) => !m.check(f).ok);
      expect(refused, id).toEqual([]);
    }
  });

  it.each([
    ['chexpert', 'CheXpert-v1.0-small/train/{}/study1/view1_frontal.jpg', 3, 'patient id'],
    ['chexpert', 'CheXpert-v1.0-small/valid/patient64541/{}/view1_frontal.jpg', 4, 'study\\d+'],
    ['chexpert', 'CheXpert-v1.0-small/valid/patient64541/study1/{}.jpg', 5, 'view\\d+'],
    ['mura', 'MURA-v1.1/train/XR_HAND/{}/study1_positive/image1.png', 4, 'patient id'],
    ['mura', 'MURA-v1.1/train/XR_HAND/patient00004/study1_positive/{}.png', 6, 'image\\d+'],
    ['echonet-dynamic', 'EchoNet-Dynamic/Videos/{}.avi', 3, '0X[0-9A-F]{16}'],
    ['brain-mets-lung', 'Brain-Mets-Lung-MRI-Path-Segs/{}/t1ce_img.nii.gz', 2, 'patient id'],
    ['brain-mets-lung', 'Brain-Mets-Lung-MRI-Path-Segs/BML-001/{}.svs', 3, 'BML-'],
    ['brain-mets-lung', 'Brain-Mets-Lung-MRI-Path-Segs/{}/BML-001.svs', 2, 'patient id'],
    ['coca', 'Gated_release_final/patient/{}/S1/IM-0001-0001.dcm', 3, 'patient id'],
    ['coca', 'deidentified_nongated/{}/100/000001.dcm', 2, '\\d{1,6}'],
    ['sinoct', 'head_ct_dataset_anon/batch_1/{}/reconstructed_image/0001.dcm', 3, 'patient id'],
  ])(
    '%s refuses a name in %s at segment %i, naming the segment, not the name',
    (id, template, segment, expected) => {
      for (const name of NAMES) {
        const verdict = layout(id).check(template.replace('{}', name));
        expect(verdict.ok, `${template} with ${name}`).toBe(false);
        if (verdict.ok) continue;
        expect(verdict.reason).toContain(`segment ${segment} of`);
        expect(verdict.reason).toContain(expected);
        expectNoEcho(verdict.reason, name, 'DOE', 'Jane', 'JANE', '1961');
      }
    },
  );

  it('holds a patient folder to patient_id_pattern even where the glob only says patient*', () => {
    // The CheXpert manifest names the pattern; a layout that does not still gets it from the prefix.
    const bare = structuredClone(manifests.get('chexpert')!);
    for (const e of bare.layout.entries) delete e.names;
    const m = compileLayout(bare);
    expect(m.check('CheXpert-v1.0-small/train/patient00001/study1/view1_frontal.jpg').ok).toBe(true);
    for (const trick of [
      'patient_DOE^JANE',
      'patientDOEJA',
      'patient０００１２', // full-width digits
      'patient0001２',
      'patient٠٠٠١٢', // Arabic-Indic digits
      'patient00012\u200b', // zero-width space
      'patient00012 ',
      'patıent00012', // dotless i
    ]) {
      const verdict = m.check(`CheXpert-v1.0-small/train/${trick}/study1/view1_frontal.jpg`);
      expect(verdict.ok, trick).toBe(false);
      if (!verdict.ok) expect(verdict.reason).toContain('segment 3 of 5 is not a patient id');
    }
    // Without names, other wildcards still take only plain ASCII names.
    expect(m.check('CheXpert-v1.0-small/train/patient00001/study1/view1_Jane Doe.jpg').ok).toBe(false);
    expect(m.check('CheXpert-v1.0-small/train/patient00001/stüdy1/view1_frontal.jpg').ok).toBe(false);
  });

  it('takes file entries exactly and refuses malformed paths', () => {
    const thyroid = layout('thyroid-ultrasound');
    expect(thyroid.check('dataset.hdf5').ok).toBe(true);
    expect(thyroid.check('metadata.csv').ok).toBe(true);
    for (const p of [
      'DOE_JANE.hdf5',
      'x/dataset.hdf5',
      '',
      '/dataset.hdf5',
      './dataset.hdf5',
      'a/../dataset.hdf5',
      'dataset.hdf5\n',
    ])
      expect(thyroid.check(p).ok, JSON.stringify(p)).toBe(false);
    expect(layout('chexpert').check('CheXpert-v1.0-small/valid.csv').ok).toBe(true);
  });

  it('fails closed on a pattern that does not compile', () => {
    const broken = structuredClone(manifests.get('mura')!);
    broken.patient_id_pattern = 'patient(\\d{5}';
    expect(() => compileLayout(broken)).toThrow();
  });

  it('judges selection globs by their literal names', () => {
    const m = layout('chexpert');
    for (const ok of [
      'CheXpert-v1.0-small/train/**/*.jpg',
      '**/*.jpg',
      'CheXpert-v1.0-small/{train,valid}/patient0000{1,2}/**',
      'CheXpert-v1.0-small/valid/patient64541/study1/view1_frontal.jpg',
      'CheXpert-v1.0-small/*/patient0*/study*/view?_frontal.jpg',
      'CheXpert-v1.0-small/t*/**',
    ])
      expect(m.checkGlob(ok).ok, ok).toBe(true);
    for (const bad of [
      'CheXpert-v1.0-small/train/DOE_JANE/**',
      'CheXpert-v1.0-small/train/{patient00001,DOE_JANE}/**',
      'CheXpert-v1.0-small/train/*DOE^JANE*/**',
      '**/Jane Doe*/*.jpg',
      'CheXpert-v1.0-small/train/*JANE*/**',
      'CheXpert-v1.0-small/train/patient*/study*/view1_*Doe*.jpg',
      'CheXpert-v1.0-small/*DOE/**',
      'CheXpert-v1.0-small/train/../x/**',
    ]) {
      const verdict = m.checkGlob(bad);
      expect(verdict.ok, bad).toBe(false);
      if (!verdict.ok) expectNoEcho(verdict.reason, 'DOE', 'Jane', 'JANE');
    }
  });

  it('holds a dataset without a manifest to plain ASCII names', () => {
    const m = fallbackLayout('toyset');
    expect(m.check('images/p0001.bin').ok).toBe(true);
    expect(m.check('images/DOE^JANE.bin').ok).toBe(false);
    expect(m.check('Jane Doe/p1.bin').ok).toBe(false);
  });

  it('expands {a,b} lists, nested, and gives up past its limit', () => {
    expect(expandBraces('a/{b,c{d,e}}/f')).toEqual(['a/b/f', 'a/cd/f', 'a/ce/f']);
    expect(expandBraces('{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}{o,p}{q,r}')).toBeUndefined();
  });
});
