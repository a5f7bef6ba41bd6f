// Every dataset's label file on the synthetic data root, read as its manifest says (CSV with and
// without a header, xlsx by name and by glob), and the key each kind of source path or recipe yields.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkScenarioLabels } from '../../actions/lib/labels/ground-truth.js';
import { LabelTables } from '../../actions/lib/labels/label-index.js';
import { DatasetManifest } from '../../actions/lib/schema/dataset-manifest.js';
import { Scenario } from '../../actions/lib/schema/scenario.js';
import { REPO_ROOT } from '../helpers/repository-copy.js';
import { makeSyntheticRoot } from '../synth/synthetic-root.js';

let data: { root: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  data = await makeSyntheticRoot();
});
afterAll(() => data.cleanup());

const manifest = (id: string) =>
  DatasetManifest.parse(
    JSON.parse(readFileSync(path.join(REPO_ROOT, 'manifests/datasets', `${id}.json`), 'utf8')),
  );

const scenario = (
  dataset: string,
  sourcePath: string,
  labels: Record<string, string | number>,
  recipe: object = { kind: 'dicom' },
) =>
  Scenario.parse({
    id: `probe-${dataset}`,
    image_file: `real_images/${dataset}/probe.png`,
    ground_truth: 'probe',
    metadata: {},
    source: { dataset, path: sourcePath, recipe, labels },
  });

describe('label files of every dataset on the synthetic data root', () => {
  it('finds each source’s row by its manifest’s key, and names the field and both values when they differ', async () => {
    const tables = new LabelTables(data.root);
    const cases: [string, string, Record<string, string | number>, object?][] = [
      // xlsx by exact name, key = the patient folder of a non-gated series
      ['coca', 'deidentified_nongated/101/101/000001.dcm', { 'Agatston score': 112 }],
      // CSV with a header row, key = the series folder
      ['sinoct', 'head_ct_dataset_anon/batch_1/series_2/reconstructed_image/0001.dcm', { label: 'abnormal' }],
      // CSV without a header row, key = the study folder with its slash
      [
        'mura',
        'MURA-v1.1/train/XR_ELBOW/patient00001/study1_negative/image2.png',
        { label: 0 },
        { kind: 'image' },
      ],
      // key = the file stem
      [
        'echonet-dynamic',
        'EchoNet-Dynamic/Videos/0X1A2B3C4D5E6F7081.avi',
        { EF: 62 },
        { kind: 'video', frame: 0 },
      ],
      // key = the value the recipe selects
      [
        'thyroid-ultrasound',
        'dataset.hdf5',
        { histopath_diagnosis: 0 },
        { kind: 'hdf5', dataset: 'image', select: { key: 'annot_id', value: '42_' } },
      ],
    ];
    for (const [dataset, source, labels, recipe] of cases) {
      const verdict = await checkScenarioLabels(
        scenario(dataset, source, labels, recipe),
        manifest(dataset),
        tables,
      );
      expect(verdict, dataset).toMatchObject({
        labels: { row_sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      });
    }
    const wrong = await checkScenarioLabels(
      scenario('coca', 'deidentified_nongated/100/100/000001.dcm', { 'Agatston score': 112 }),
      manifest('coca'),
      tables,
    );
    expect(wrong).toEqual({
      failure:
        'scenario probe-coca: label "Agatston score" is 112 in source.labels but "0" in deidentified_nongated/scores.xlsx',
    });
    // A gated series is outside what scores.xlsx labels.
    const gated = await checkScenarioLabels(
      scenario('coca', 'Gated_release_final/patient/1/Gated_CS_3.0mm/IM-0001-0001.dcm', {
        'Agatston score': 0,
      }),
      manifest('coca'),
      tables,
    );
    expect(gated).toEqual({ failure: expect.stringContaining('does not label this source (applies_to)') });
  });

  it('reads the Brain-Mets-Lung clinical spreadsheet found by its glob, keyed by the case folder', async () => {
    const tables = new LabelTables(data.root);
    const m = manifest('brain-mets-lung');
    const indexed = await tables.get('brain-mets-lung', m.label_files[0]!);
    expect(indexed.table.files).toEqual(['Brain-Mets-Lung-MRI-Path-Segs/clinical_data.xlsx']);
    expect(indexed.table.columns[0]).toBe('Case');
    expect(indexed.rowOf.get('BML-001')).toBe(0);
    // A label the images hold is no label: the check refuses it before reading anything.
    const verdict = await checkScenarioLabels(
      scenario('brain-mets-lung', 'Brain-Mets-Lung-MRI-Path-Segs/BML-001/t1ce_img.nii.gz', {
        segmentation: 'enhancing lesion',
      }),
      m,
      new LabelTables(data.root),
    );
    expect(verdict).toEqual({
      failure: expect.stringContaining(
        '"segmentation" is not a label of dataset brain-mets-lung: no label file holds it (held in image)',
      ),
    });
  });
});
