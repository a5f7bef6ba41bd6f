import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDatasetLayout } from '../../actions/lib/datasets/check-dataset.js';
import { countGlob } from '../../actions/lib/datasets/glob-count.js';
import { loadDatasetManifest } from '../../actions/lib/datasets/load-datasets.js';
import { writeHdf5 } from '../../actions/lib/synth/formats/hdf5.js';
import { REPO_ROOT } from '../helpers/repository-copy.js';
import { runCliCaptured } from '../helpers/run-cli.js';
import { makeSyntheticRoot } from '../synth/synthetic-root.js';

const IDS = [
  'brain-mets-lung',
  'chexpert',
  'coca',
  'echonet-dynamic',
  'mura',
  'sinoct',
  'thyroid-ultrasound',
];

describe('datasets list and info', () => {
  it('list shows all seven with provider, modality, count, registration and DOI', async () => {
    const { code, stdout } = await runCliCaptured(['datasets', 'list', '--repo', REPO_ROOT]);
    expect(code).toBe(0);
    for (const id of IDS) expect(stdout).toMatch(new RegExp(`^${id} `, 'm'));
    expect(stdout).toMatch(
      /^thyroid-ultrasound\s+AIMI\s+ultrasound\s+192 nodules\s+yes, per user\s+10\.71718\/7m5n-rh16\s+override$/m,
    );
    expect(stdout).toMatch(/^mura .* none\s+override$/m);
  });

  it('info thyroid-ultrasound gives the DOI, the AIMI acknowledgement, the HDF5 packaging and every term', async () => {
    const { code, stdout } = await runCliCaptured([
      'datasets',
      'info',
      'thyroid-ultrasound',
      '--repo',
      REPO_ROOT,
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('10.71718/7m5n-rh16');
    expect(stdout).toContain(
      'This research used data provided by the Stanford Center for Artificial Intelligence in Medicine and Imaging (AIMI). AIMI curated',
    );
    expect(stdout).toMatch(/cine-clips ship as one HDF5 file/);
    expect(stdout).toMatch(/HDF5 keys: image, mask, annot_id/);
    expect(stdout).toMatch(/Commercial use\s+prohibited/);
    expect(stdout).toMatch(/Redistribution of labels\s+prohibited/);
    expect(stdout).toMatch(/1\. Open the dataset’s Stanford AIMI page/);
  });

  it('an unknown id is a usage error that lists the known ones', async () => {
    const { code, stderr } = await runCliCaptured(['datasets', 'info', 'nope', '--repo', REPO_ROOT]);
    expect(code).toBe(2);
    expect(stderr).toContain('known: brain-mets-lung, chexpert');
  });
});

describe('datasets check on the synthetic data root', () => {
  let synth: Awaited<ReturnType<typeof makeSyntheticRoot>>;
  beforeAll(async () => {
    synth = await makeSyntheticRoot();
  });
  afterAll(() => synth?.cleanup());

  it.each(IDS)('%s: complete', async (id) => {
    const { code, stdout } = await runCliCaptured([
      'datasets',
      'check',
      id,
      '--data-root',
      synth.root,
      '--repo',
      REPO_ROOT,
    ]);
    expect(stdout).toMatch(/complete: all \d+ layout entries found/);
    expect(code).toBe(0);
  });

  it('--all checks every dataset in one run', async () => {
    const { code, stdout } = await runCliCaptured([
      'datasets',
      'check',
      '--all',
      '--data-root',
      synth.root,
      '--repo',
      REPO_ROOT,
    ]);
    expect(code).toBe(0);
    expect(stdout.match(/^complete: /gm)?.length).toBe(IDS.length);
  });

  it('names a missing required CSV and exits 1', async () => {
    const csv = path.join(synth.root, 'chexpert/CheXpert-v1.0-small/valid.csv');
    const saved = await readFile(csv);
    await rm(csv);
    try {
      const { code, stdout } = await runCliCaptured([
        'datasets',
        'check',
        'chexpert',
        '--data-root',
        synth.root,
        '--repo',
        REPO_ROOT,
      ]);
      expect(code).toBe(1);
      expect(stdout).toContain(
        'CheXpert-v1.0-small/valid.csv: missing file (Validation labels, one row per image)',
      );
      expect(stdout).toContain('1 problem: the extraction is incomplete');
    } finally {
      await writeFile(csv, saved);
    }
  });

  it('names a CSV whose header differs, and the columns', async () => {
    const manifest = await loadDatasetManifest(REPO_ROOT, 'echonet-dynamic');
    const csv = path.join(synth.root, 'echonet-dynamic/EchoNet-Dynamic/FileList.csv');
    const saved = await readFile(csv, 'utf8');
    await writeFile(csv, saved.replace('FileName,EF,', 'FileName,EjectionFraction,'));
    try {
      const check = await checkDatasetLayout(manifest, synth.root);
      expect(check.problems).toEqual([
        {
          path: 'EchoNet-Dynamic/FileList.csv',
          kind: 'csv-header',
          message: 'CSV header differs: missing columns: EF; unexpected columns: EjectionFraction',
        },
      ]);
    } finally {
      await writeFile(csv, saved);
    }
  });

  it('names missing HDF5 keys', async () => {
    const manifest = await loadDatasetManifest(REPO_ROOT, 'thyroid-ultrasound');
    const dir = await mkdtemp(path.join(tmpdir(), 'cm-thyroid-'));
    try {
      await writeHdf5(path.join(dir, 'dataset.hdf5'), [
        { name: 'image', data: new Uint8Array(4), shape: [1, 2, 2] },
      ]);
      await copyFile(
        path.join(synth.root, 'thyroid-ultrasound/metadata.csv'),
        path.join(dir, 'metadata.csv'),
      );
      // DATA_ROOT may also be the dataset's own folder.
      const check = await checkDatasetLayout(manifest, dir);
      expect(check.dir).toBe(dir);
      expect(check.problems.map((p) => p.message)).toEqual(['HDF5 keys missing: mask, annot_id']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('counts globs, with ** across folders', async () => {
    const coca = path.join(synth.root, 'coca');
    expect(await countGlob(coca, 'Gated_release_final/patient/*/*/*.dcm')).toBe(12);
    expect(await countGlob(coca, 'deidentified_nongated/**/*.dcm')).toBe(12);
    expect(await countGlob(coca, 'nothing/**/*.dcm')).toBe(0);
  });

  it('an empty data root is a setup error (exit 2) naming the missing dataset folder', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'cm-empty-'));
    try {
      const { code, stdout, stderr } = await runCliCaptured([
        'datasets',
        'check',
        'mura',
        '--data-root',
        empty,
        '--repo',
        REPO_ROOT,
      ]);
      // A setup error naming the folder, not eight "missing" lines (issue 17).
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain(`the data root ${empty} has no folder mura/`);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});

describe('datasets prepare', () => {
  it('creates the folders and a README with the access steps and the agreement checklist', async () => {
    const dataRoot = await mkdtemp(path.join(tmpdir(), 'cm-prepare-'));
    try {
      const { code, stdout } = await runCliCaptured([
        'datasets',
        'prepare',
        'mura',
        '--data-root',
        dataRoot,
        '--repo',
        REPO_ROOT,
      ]);
      expect(code).toBe(0);
      expect(stdout).toContain('created MURA-v1.1/train/');
      expect(stdout).toMatch(/Next:\n {2}1\. Open the dataset’s Stanford AIMI page/);
      const readme = await readFile(path.join(dataRoot, 'mura/README-clinical-manifests.md'), 'utf8');
      expect(readme).toContain('- [ ] I registered myself, individually and accepted the agreement.');
      expect(readme).toContain('- [ ] Redistribution of the data: **prohibited**');
      expect(readme).toContain(`clinical-manifests datasets check mura --data-root ${dataRoot}`);
      // Prepared but not yet downloaded: check names what is still missing.
      const check = await runCliCaptured([
        'datasets',
        'check',
        'mura',
        '--data-root',
        dataRoot,
        '--repo',
        REPO_ROOT,
      ]);
      expect(check.code).toBe(1);
      expect(check.stdout).toContain('MURA-v1.1/train/XR_*/patient*/study*_*/image*.png: 0 matches');
    } finally {
      await rm(dataRoot, { recursive: true, force: true });
    }
  });

  it('refuses a data root inside the repository', async () => {
    const { code, stderr } = await runCliCaptured([
      'datasets',
      'prepare',
      'mura',
      '--data-root',
      path.join(REPO_ROOT, 'scenarios'),
      '--repo',
      REPO_ROOT,
    ]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/inside the repository/);
  });
});
