import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { copyRepositoryContent } from '../helpers/repository-copy.js';
import { runCliCaptured } from '../helpers/run-cli.js';

let root: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ root, cleanup } = await copyRepositoryContent()));
afterEach(() => cleanup());

/** A benchmark's existing scenarios.json holds only {id, image_file, ground_truth, metadata}. */
it('imports bare benchmark entries as they are, and validate accepts them', async () => {
  const file = path.join(root, 'benchmark-scenarios.json');
  const entries = [
    {
      id: 'scenario_100',
      image_file: 'synthetic_images/scenario_005.png',
      ground_truth: 'Normal nuchal translucency - 1.5mm at 12 weeks',
      metadata: { source: 'synthetic' },
    },
  ];
  await writeFile(file, JSON.stringify(entries));
  expect((await runCliCaptured(['scenarios', 'import', file, '--repo', root])).code).toBe(0);
  const validate = await runCliCaptured(['validate', '--repo', root, '--format', 'json']);
  expect(
    JSON.parse(validate.stdout).findings.filter((f: { severity: string }) => f.severity === 'error'),
  ).toEqual([]);
  const exported = await runCliCaptured(['scenarios', 'export', '--repo', root]);
  expect(JSON.parse(exported.stdout)).toContainEqual(entries[0]);
});

it('requires modality and anatomy once a scenario names a real source', async () => {
  const file = path.join(root, 'benchmark-scenarios.json');
  const source = {
    dataset: 'chexpert',
    path: 'CheXpert-v1.0-small/valid/patient00001/study1/view1_frontal.jpg',
    recipe: { kind: 'image' },
    labels: { Pneumonia: 1 },
  };
  await writeFile(
    file,
    JSON.stringify([
      {
        id: 'scenario_101',
        image_file: 'real_images/chexpert/scenario_101.png',
        ground_truth: 'Pneumonia',
        metadata: { source: 'CheXpert', doi: '10.71718/y7pj-4v93' },
        source,
      },
    ]),
  );
  expect((await runCliCaptured(['scenarios', 'import', file, '--repo', root])).code).toBe(0);
  const validate = await runCliCaptured(['validate', '--repo', root, '--format', 'json']);
  expect(validate.code).toBe(1);
  expect(JSON.parse(validate.stdout).findings).toContainEqual(
    expect.objectContaining({ file: 'scenarios/scenario_101.json', rule: 'domain/declared' }),
  );
});
