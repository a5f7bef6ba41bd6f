// Issue 18 without data: validate refuses labels no file holds, label fields without a label file,
// grounds that are not queries over labels, and a source that yields no key.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateRepository } from '../../actions/lib/validate/validate-repository.js';
import { copyRepositoryContent, editJson } from '../helpers/repository-copy.js';

let repo: { root: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  repo = await copyRepositoryContent();
});
afterEach(() => repo.cleanup());

const labelFindings = async () =>
  (await validateRepository(repo.root)).findings
    .filter((f) => f.rule.startsWith('labels/'))
    .map((f) => ({ rule: f.rule, severity: f.severity, file: f.file, message: f.message }));

describe('validate: ground truth without data', () => {
  it('accepts the committed manifests and scenarios', async () => {
    expect(await labelFindings()).toEqual([]);
  });

  it('says a label no file holds is not a label', async () => {
    await editJson(repo.root, 'scenarios/scenario_002.json', (s) => {
      s.source.labels = { segmentation: 'enhancing lesion' };
    });
    expect(await labelFindings()).toEqual([
      {
        rule: 'labels/not-a-label',
        severity: 'error',
        file: 'scenarios/scenario_002.json',
        message: expect.stringContaining(
          '"segmentation" is not a label: dataset brain-mets-lung holds it in the image',
        ),
      },
    ]);
  });

  it('refuses a label field no label file names, and grounds that are no query over labels', async () => {
    await editJson(repo.root, 'manifests/datasets/echonet-dynamic.json', (d) => {
      d.label_files = [];
      d.label_fields[0].grounds['normal ejection fraction'] = 'EF >';
    });
    await editJson(repo.root, 'manifests/datasets/mura.json', (d) => {
      d.label_fields[0].grounds.normal = 'study_type == XR_HAND';
    });
    await editJson(repo.root, 'manifests/datasets/chexpert.json', (d) => {
      d.label_fields[7].name = 'Pneumonia (CheXpert)';
    });
    const found = await labelFindings();
    expect(found.filter((f) => f.file.endsWith('echonet-dynamic.json')).map((f) => f.message)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('label "EF": no label_files entry names EchoNet-Dynamic/FileList.csv'),
        'query: expected a value at the end',
      ]),
    );
    expect(found.filter((f) => f.file.endsWith('chexpert.json')).map((f) => f.message)).toEqual([
      expect.stringContaining(
        'label "Pneumonia (CheXpert)" is not a column of CheXpert-v1.0-small/train.csv',
      ),
      expect.stringContaining('no label "Pneumonia"'),
    ]);
    expect(found.filter((f) => f.file.endsWith('mura.json')).map((f) => f.message)).toEqual([
      expect.stringContaining('"study_type" is not a label of dataset mura'),
    ]);
  });

  it('asks for a key the source yields: a Thyroid recipe must select by annot_id', async () => {
    await editJson(repo.root, 'scenarios/scenario_008.json', (s) => {
      s.source.recipe.select = { key: 'frame_id', value: 7 };
    });
    expect(await labelFindings()).toEqual([
      expect.objectContaining({
        rule: 'labels/key',
        message: expect.stringContaining('the recipe must select by annot_id'),
      }),
    ]);
  });
});
