// validate holds every source path of the repository to its dataset's layout: a scenario's
// source.path, a selection's globs, a lock entry's source path and output. Errors point at the JSON
// position and never repeat the path.

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serializeLock } from '../../actions/lib/locks/lock-format.js';
import type { LockEntry } from '../../actions/lib/schema/lock.js';
import { validateRepository } from '../../actions/lib/validate/validate-repository.js';
import { copyRepositoryContent, editJson, REPO_ROOT } from '../helpers/repository-copy.js';
import { runCliCaptured } from '../helpers/run-cli.js';

const NAME = 'DOE^JANE';
const SPACED = 'Jane Doe 1961-02-03';

function entry(output: string, sourcePath: string): LockEntry {
  return {
    output,
    source: { path: sourcePath, sha256: 'a'.repeat(64), size: 1234 },
    recipe: { kind: 'image' },
    recipe_sha256: 'b'.repeat(64),
    output_sha256: 'c'.repeat(64),
    pixels_sha256: 'd'.repeat(64),
    width: 4,
    height: 2,
    channels: 1,
  };
}

async function writeLock(root: string, dataset: string, entries: LockEntry[]): Promise<void> {
  await mkdir(path.join(root, 'manifests/locks'), { recursive: true });
  const text = serializeLock({
    $schema: '../schema/lock.schema.json',
    format: 1,
    dataset,
    tools: {},
    entries,
  });
  await writeFile(path.join(root, `manifests/locks/${dataset}.json`), text);
}

/** 1-based line of the first line of `file` that contains `needle`. */
async function lineOf(root: string, file: string, needle: string): Promise<number> {
  const lines = (await readFile(path.join(root, file), 'utf8')).split('\n');
  const index = lines.findIndex((l) => l.includes(needle));
  expect(index, `${needle} in ${file}`).toBeGreaterThanOrEqual(0);
  return index + 1;
}

describe('phi/source-path', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ root, cleanup } = await copyRepositoryContent()));
  afterEach(() => cleanup());

  it('finds nothing in this repository: every scenario source follows its layout', async () => {
    const report = await validateRepository(REPO_ROOT);
    expect(
      report.findings.filter((f) => f.rule === 'phi/source-path' || f.rule === 'phi/layout-name'),
    ).toEqual([]);
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('refuses a scenario source path with a patient name, at source.path, without the name', async () => {
    await editJson(root, 'scenarios/scenario_009.json', (s) => {
      s.source.path = `CheXpert-v1.0-small/valid/${SPACED}/study1/view1_frontal.jpg`;
    });
    await editJson(root, 'scenarios/scenario_002.json', (s) => {
      s.source.recipe.segmentation = 'DOE_JANE_seg.nii.gz';
    });
    const cli = await runCliCaptured(['validate', '--repo', root]);
    expect(cli.code).toBe(1);
    for (const text of [cli.stdout, cli.stderr]) {
      expect(text).not.toContain('Jane');
      expect(text).not.toContain('1961');
      expect(text).not.toContain('DOE_JANE');
    }
    const report = await validateRepository(root);
    const found = report.findings.filter((f) => f.rule === 'phi/source-path');
    expect(found.map((f) => [f.file, f.line])).toEqual([
      ['scenarios/scenario_002.json', await lineOf(root, 'scenarios/scenario_002.json', '"segmentation"')],
      ['scenarios/scenario_009.json', await lineOf(root, 'scenarios/scenario_009.json', '"path"')],
    ]);
    expect(found[1]!.message).toMatch(/segment 3 of 5 is not a patient id; expected patient_id_pattern/);
    expect(found[0]!.message).toMatch(/segmentation.*segment 3 of 3/);
  });

  it('refuses selection globs that name a patient, and selections of datasets with no manifest', async () => {
    await mkdir(path.join(root, 'manifests/selections'), { recursive: true });
    const selection = (id: string, dataset: string, include: string[], exclude: string[] = []) =>
      writeFile(
        path.join(root, `manifests/selections/${id}.json`),
        `${JSON.stringify({ id, dataset, include, exclude, recipe: { kind: 'image' }, output_dir: `bulk/${id}` }, null, 2)}\n`,
      );
    await selection('chexpert-all', 'chexpert', ['CheXpert-v1.0-small/**/*.jpg']);
    await selection('chexpert-one', 'chexpert', ['CheXpert-v1.0-small/train/DOE_JANE/**'], ['**/Smith*/**']);
    await selection('mura-some', 'mura', ['MURA-v1.1/{train,valid}/XR_HAND/{patient00004,JaneDoe}/**']);
    await selection('nowhere', 'no-such-dataset', ['**/*.png']);
    await editJson(root, 'manifests/selections/chexpert-all.json', (sel) => {
      sel.output_dir = 'bulk/Jane Doe';
    });
    const report = await validateRepository(root);
    const found = report.findings.filter((f) => f.rule === 'phi/source-path');
    expect(found.map((f) => `${f.file}:${f.line}`).sort()).toEqual(
      [
        `manifests/selections/chexpert-one.json:${await lineOf(root, 'manifests/selections/chexpert-one.json', 'DOE_JANE')}`,
        `manifests/selections/chexpert-one.json:${await lineOf(root, 'manifests/selections/chexpert-one.json', 'Smith')}`,
        `manifests/selections/mura-some.json:${await lineOf(root, 'manifests/selections/mura-some.json', 'JaneDoe')}`,
        `manifests/selections/nowhere.json:${await lineOf(root, 'manifests/selections/nowhere.json', '"dataset"')}`,
        `manifests/selections/chexpert-all.json:${await lineOf(root, 'manifests/selections/chexpert-all.json', '"output_dir"')}`,
      ].sort(),
    );
    const text = JSON.stringify(found);
    for (const name of ['DOE_JANE', 'JaneDoe', 'Smith', 'Jane']) expect(text).not.toContain(name);
  });

  it('refuses lock entries whose source path or output carries a name, capped per lock', async () => {
    const good = 'CheXpert-v1.0-small/train/patient00001/study1/view1_frontal.jpg';
    const entries = [
      entry(`bulk/chexpert/${good}.png`, good),
      entry(
        'real_images/chexpert/scenario_009.png',
        'CheXpert-v1.0-small/valid/patient64541/study1/view1_frontal.jpg',
      ),
      entry(`bulk/chexpert/A ${NAME}.png`, 'CheXpert-v1.0-small/train/patient00002/study1/view1_frontal.jpg'),
      entry(`bulk/${SPACED}/${good}.png`, good),
      ...Array.from({ length: 25 }, (_, i) => {
        const bad = `CheXpert-v1.0-small/train/${NAME}_${i}/study1/view1_frontal.jpg`;
        return entry(`bulk/chexpert/${bad}.png`, bad);
      }),
    ].sort((a, b) => (a.output < b.output ? -1 : 1));
    await writeLock(root, 'chexpert', entries);
    await writeLock(root, 'toyset', [entry('bulk/toyset/a.bin.png', 'a.bin')]);
    const report = await validateRepository(root);
    const found = report.findings.filter((f) => f.rule === 'phi/source-path');
    const chexpert = found.filter((f) => f.file === 'manifests/locks/chexpert.json');
    // 27 bad entries: 20 located, then one finding for the rest.
    expect(chexpert).toHaveLength(21);
    expect(chexpert.filter((f) => f.line !== undefined)).toHaveLength(20);
    expect(chexpert.filter((f) => /output is not <output_dir>/.test(f.message))).toHaveLength(2);
    expect(chexpert.find((f) => f.line === undefined)?.message).toBe(
      'and 7 more entries whose paths do not follow the chexpert layout',
    );
    expect(found.filter((f) => f.file === 'manifests/locks/toyset.json').map((f) => f.message)).toEqual([
      'dataset "toyset" has no manifest, so its source paths cannot be held to a layout',
    ]);
    expect(JSON.stringify(found)).not.toContain('DOE');
    expect(JSON.stringify(found)).not.toContain('Jane');
  });

  it.each(['.*', '^[A-Za-z_]+$', 'patient\\d{5}|[A-Z_]+'])(
    'refuses a patient_id_pattern %s that a name would pass',
    async (pattern) => {
      await editJson(root, 'manifests/datasets/chexpert.json', (m) => {
        m.patient_id_pattern = pattern;
      });
      const report = await validateRepository(root);
      const found = report.findings.filter(
        (f) => f.file === 'manifests/datasets/chexpert.json' && f.rule === 'phi/source-path',
      );
      expect(found.map((f) => [f.severity, f.line])).toEqual([
        ['error', await lineOf(root, 'manifests/datasets/chexpert.json', '"patient_id_pattern"')],
      ]);
    },
  );

  it('checks the manifests: patterns must compile and every wildcard should have a name pattern', async () => {
    await editJson(root, 'manifests/datasets/mura.json', (m) => {
      const images = m.layout.entries.find((e: { path: string }) => e.path.startsWith('MURA-v1.1/train/XR_'));
      images.names['study*_*'] = 'study(\\d+';
      delete images.names['image*.png'];
      images.names.nowhere = 'x';
    });
    const report = await validateRepository(root);
    const found = report.findings.filter(
      (f) => f.file === 'manifests/datasets/mura.json' && f.rule.startsWith('phi/'),
    );
    expect(found.map((f) => [f.rule, f.severity, f.message])).toEqual(
      expect.arrayContaining([
        ['phi/source-path', 'error', 'not a valid regular expression'],
        ['phi/source-path', 'warning', expect.stringMatching(/names key "nowhere"/)],
        [
          'phi/layout-name',
          'warning',
          expect.stringMatching(/^segment 6 of MURA-v1.1\/train\/.* has no name pattern/),
        ],
      ]),
    );
  });
});
