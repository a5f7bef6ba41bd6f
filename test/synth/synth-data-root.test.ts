import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRepository } from '../../actions/lib/repository/load-repository.js';
import { synthesizeDataRoot } from '../../actions/lib/synth/synthesize-data-root.js';
import { ffmpegPath } from '../../actions/lib/tools/ffmpeg-path.js';
import { needsTool } from '../helpers/needs-tool.js';
import { REPO_ROOT } from '../helpers/repository-copy.js';
import { runCliCaptured } from '../helpers/run-cli.js';
import { makeSyntheticRoot } from './synthetic-root.js';

/** The system Python with h5py, nibabel and pydicom (the `python3` on PATH may lack them). */
const PYTHON = '/usr/bin/python3';
const python3 = needsTool(
  'python3-h5py, python3-nibabel and python3-pydicom',
  existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import h5py, nibabel, pydicom']).status === 0,
);
const READS_AS_REAL = python3.title('writes files that h5py, nibabel and pydicom read as the real ones');

async function treeHashes(root: string): Promise<Record<string, string>> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const out: Record<string, string> = {};
  for (const e of entries.filter((x) => x.isFile())) {
    const file = path.join(e.parentPath, e.name);
    out[path.relative(root, file)] = createHash('sha256')
      .update(await readFile(file))
      .digest('hex');
  }
  return out;
}

function python(code: string, ...args: string[]): string {
  const r = spawnSync(PYTHON, ['-c', code, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}

describe('synth --out: the synthetic data root', () => {
  let a: Awaited<ReturnType<typeof makeSyntheticRoot>>;
  let b: Awaited<ReturnType<typeof makeSyntheticRoot>>;
  beforeAll(async () => {
    a = await makeSyntheticRoot();
    b = await makeSyntheticRoot();
  });
  afterAll(async () => {
    await a?.cleanup();
    await b?.cleanup();
  });

  it('is deterministic: two runs give identical trees', async () => {
    const [ha, hb] = await Promise.all([treeHashes(a.root), treeHashes(b.root)]);
    expect(Object.keys(ha).length).toBeGreaterThan(60);
    expect(ha).toEqual(hb);
  });

  it("holds every scenario's source.path under DATA_ROOT/<dataset>/", async () => {
    const { scenarios } = await loadRepository(REPO_ROOT, ['scenarios']);
    const sources = scenarios.flatMap((s) => (s.value?.source ? [s.value.source] : []));
    expect(sources.length).toBeGreaterThan(0);
    for (const s of sources) expect(existsSync(path.join(a.root, s.dataset, s.path)), s.path).toBe(true);
  });

  it('makes EchoNet AVIs of 48 MJPEG frames whose tracings mark a larger end-diastole', async () => {
    const dir = path.join(a.root, 'echonet-dynamic/EchoNet-Dynamic');
    const video = path.join(dir, 'Videos', (await readdir(path.join(dir, 'Videos')))[0]!);
    const probe = spawnSync(ffmpegPath(), ['-hide_banner', '-i', video, '-map', '0:v', '-f', 'null', '-'], {
      encoding: 'utf8',
    });
    expect(probe.status).toBe(0);
    expect(probe.stderr).toMatch(/Video: mjpeg/);
    expect(probe.stderr).toMatch(/112x112/);
    expect(probe.stderr).toMatch(/frame=\s*48/);
    const rows = (await readFile(path.join(dir, 'VolumeTracings.csv'), 'utf8')).trim().split('\n').slice(1);
    const area: Record<string, number> = {};
    for (const row of rows) {
      const [file, x1, , x2, , frame] = row.split(',');
      // Chords (rows after each frame's first, the long axis) summed: proportional to the traced area.
      const key = `${file}@${frame}`;
      area[key] = (area[key] ?? -Math.abs(Number(x2) - Number(x1))) + Math.abs(Number(x2) - Number(x1));
    }
    const name = path.basename(video);
    expect(area[`${name}@24`]).toBeGreaterThan(area[`${name}@36`]!);
  });

  it.skipIf(python3.skip)(READS_AS_REAL, () => {
    const h5 = python(
      'import h5py,sys; f=h5py.File(sys.argv[1]); print(sorted(f.keys()), f["image"].dtype, f["image"].ndim, f["mask"].shape==f["image"].shape, len(f["annot_id"])==f["image"].shape[0])',
      path.join(a.root, 'thyroid-ultrasound/dataset.hdf5'),
    );
    expect(h5).toBe("['annot_id', 'image', 'mask'] uint8 3 True True");
    const nii = python(
      'import nibabel,sys; v=nibabel.load(sys.argv[1]); s=nibabel.load(sys.argv[2]); print(v.get_data_dtype(), len(v.shape), int(s.get_fdata().sum()>0))',
      path.join(a.root, 'brain-mets-lung/Brain-Mets-Lung-MRI-Path-Segs/BML-001/t1ce_img.nii.gz'),
      path.join(a.root, 'brain-mets-lung/Brain-Mets-Lung-MRI-Path-Segs/BML-001/t1ce_seg.nii.gz'),
    );
    expect(nii).toBe('int16 3 1');
    const dcm = python(
      'import pydicom,sys; d=pydicom.dcmread(sys.argv[1]); a=d.pixel_array; print(d.PatientName, d.PatientID, d.InstitutionName, a.dtype, float(d.RescaleIntercept), float(d.RescaleSlope), int((a*1.0-1024).min()) <= -900)',
      path.join(a.root, 'coca/Gated_release_final/patient/0/Gated_CS_3.0mm/IM-0001-0001.dcm'),
    );
    expect(dcm).toBe('Doe^Jane MRN-123456 St. Example Hospital int16 -1024.0 1.0 True');
    const head = python(
      'import pydicom,sys; d=pydicom.dcmread(sys.argv[1]); print(d.Modality, d.StudyDate, d.PatientBirthDate)',
      path.join(a.root, 'sinoct/head_ct_dataset_anon/batch_1/series_1/reconstructed_image/0001.dcm'),
    );
    expect(head).toBe('CT 20190314 19600101');
  });

  it('makes the slide a tiled pyramidal TIFF', async () => {
    const sharp = (await import('sharp')).default;
    const meta = await sharp(
      path.join(a.root, 'brain-mets-lung/Brain-Mets-Lung-MRI-Path-Segs/BML-001/BML-001.svs'),
    ).metadata();
    expect(meta.format).toBe('tiff');
    expect(meta.pages).toBeGreaterThanOrEqual(3);
    expect([meta.width, meta.height]).toEqual([1024, 768]);
  });

  it('refuses a non-empty folder it did not make, and a folder inside the repository', async () => {
    const foreign = path.join(path.dirname(a.root), 'foreign');
    await mkdir(foreign, { recursive: true });
    await writeFile(path.join(foreign, 'keep.txt'), 'mine');
    await expect(synthesizeDataRoot(foreign, { repoRoot: REPO_ROOT })).rejects.toThrow(/not empty/);
    const inside = await runCliCaptured([
      'synth',
      '--out',
      path.join(REPO_ROOT, 'scenarios', 'tmp-synth'),
      '--repo',
      REPO_ROOT,
    ]);
    expect(inside.code).toBe(2);
    expect(inside.stderr).toMatch(/inside the repository/);
    // A second run over its own output is allowed (and gives the same files).
    await synthesizeDataRoot(a.root, { repoRoot: REPO_ROOT });
  });
});
