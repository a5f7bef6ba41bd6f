import { afterEach, beforeEach, expect, it } from 'vitest';
import { copyRepositoryContent, editJson } from '../helpers/repository-copy.js';
import { validateJson } from './helpers/validate-json.js';

let root: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ root, cleanup } = await copyRepositoryContent()));
afterEach(() => cleanup());

/** The benchmark's original notes drew 005 and 018 from COCA and 013 from EchoNet-Dynamic. */
it('catches the old scenario-to-dataset mapping from the manifests alone', async () => {
  const restore = (
    id: string,
    dataset: string,
    path: string,
    recipe: object,
    labels: object,
    metadata: object,
  ) =>
    editJson(root, `scenarios/${id}.json`, (s) => {
      s.image_file = `real_images/${dataset}/${id}.png`;
      s.source = { dataset, path, recipe, labels };
      Object.assign(s.metadata, metadata);
      s.metadata.patient_id = undefined;
    });
  for (const [id, patient] of [
    ['scenario_005', 1],
    ['scenario_018', 2],
  ] as const) {
    await restore(
      id,
      'coca',
      `Gated_release_final/patient/${patient}/1/1.dcm`,
      { kind: 'dicom', preset: 'abdomen' },
      { 'Agatston score': 0 },
      {
        source: 'COCA - Coronary Calcium and chest CT',
        doi: '10.71718/ge5g-ds80',
      },
    );
  }
  await editJson(root, 'scenarios/scenario_013.json', (s) => {
    s.findings = ['aortic stenosis'];
  });
  await restore(
    'scenario_013',
    'echonet-dynamic',
    'EchoNet-Dynamic/Videos/0X0000000000000013.avi',
    { kind: 'video' },
    { EF: 55 },
    {
      source: 'EchoNet-Dynamic',
      doi: '10.71718/yqp5-y078',
    },
  );

  const { code, findings } = await validateJson(root);
  expect(code).toBe(1);
  const domain = findings.filter((f) => f.rule.startsWith('domain/') && f.severity === 'error');
  expect(domain.filter((f) => f.file === 'scenarios/scenario_005.json').map((f) => f.rule)).toContain(
    'domain/anatomy',
  );
  expect(domain.filter((f) => f.file === 'scenarios/scenario_018.json').map((f) => f.rule)).toContain(
    'domain/anatomy',
  );
  const stenosis = domain.find(
    (f) => f.file === 'scenarios/scenario_013.json' && f.rule === 'domain/label-vocabulary',
  );
  expect(stenosis?.message).toMatch(/"aortic stenosis" is not in dataset echonet-dynamic's label vocabulary/);
  // Nothing else in the repository is flagged by the domain rules.
  expect(new Set(domain.map((f) => f.file))).toEqual(
    new Set(['scenarios/scenario_005.json', 'scenarios/scenario_013.json', 'scenarios/scenario_018.json']),
  );
});
