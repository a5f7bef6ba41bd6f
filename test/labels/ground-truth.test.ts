// Issue 18 on the synthetic data root: every committed scenario's labels verified against the label
// files synth writes; a changed label, another row, a revised, duplicated or missing row break it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../actions/lib/logger.js';
import { createDefaultRenderer } from '../../actions/lib/regenerate/default-renderer.js';
import { regenerate } from '../../actions/lib/regenerate/regenerate.js';
import type { Renderer } from '../../actions/lib/regenerate/renderer.js';
import { validateRepository } from '../../actions/lib/validate/validate-repository.js';
import { verifyLocks } from '../../actions/lib/verify/verify.js';
import { copyRepositoryContent, editJson } from '../helpers/repository-copy.js';
import { runCliCaptured } from '../helpers/run-cli.js';
import { makeSyntheticRoot } from '../synth/synthetic-root.js';

let data: { root: string; cleanup: () => Promise<void> };
let repo: { root: string; cleanup: () => Promise<void> };
let cache: string;
let renderer: Renderer;
const CHEXPERT_VALID = () => path.join(data.root, 'chexpert/CheXpert-v1.0-small/valid.csv');
const ROW_009 = 'CheXpert-v1.0-small/valid/patient64541/study1/view1_frontal.jpg,';

beforeAll(async () => {
  data = await makeSyntheticRoot();
  renderer = createDefaultRenderer(1);
});
afterAll(async () => {
  rmSync(`${repo.root}-out`, { recursive: true, force: true });
  await repo.cleanup();
  await renderer.close?.();
  await data.cleanup();
});
beforeEach(async () => {
  if (repo) rmSync(`${repo.root}-out`, { recursive: true, force: true });
  await repo?.cleanup();
  repo = await copyRepositoryContent();
  cache = path.join(repo.root, '.cache-test');
  execFileSync('git', ['init', '-q'], { cwd: repo.root });
});

const run = (extra: Partial<Parameters<typeof regenerate>[0]> = {}) =>
  regenerate({
    repoRoot: repo.root,
    dataRoot: data.root,
    outDir: `${repo.root}-out`,
    cacheDir: cache,
    renderer,
    logger: silentLogger,
    jobs: 2,
    ...extra,
  });
const verify = () =>
  verifyLocks({ repoRoot: repo.root, dataRoot: data.root, renderer, logger: silentLogger, render: false });
const lock = (dataset: string) =>
  JSON.parse(readFileSync(path.join(repo.root, 'manifests/locks', `${dataset}.json`), 'utf8')) as {
    entries: { output: string; labels?: { file: string; row_sha256: string; claimed_sha256?: string } }[];
  };
async function withFile<T>(file: string, edit: (text: string) => string, body: () => Promise<T>) {
  const before = readFileSync(file, 'utf8');
  writeFileSync(file, edit(before));
  try {
    return await body();
  } finally {
    writeFileSync(file, before);
  }
}

describe('ground truth on the synthetic data root', () => {
  it('verifies every committed scenario’s labels and records the row each was checked against', async () => {
    const result = await run();
    expect(result.failures).toEqual([]);
    for (const [dataset, file] of [
      ['chexpert', 'CheXpert-v1.0-small/valid.csv'],
      ['mura', 'MURA-v1.1/valid_labeled_studies.csv'],
      ['echonet-dynamic', 'EchoNet-Dynamic/FileList.csv'],
      ['thyroid-ultrasound', 'metadata.csv'],
    ]) {
      const [entry] = lock(dataset!).entries;
      expect(entry!.labels?.file, dataset).toBe(file);
      expect(entry!.labels?.claimed_sha256, dataset).toMatch(/^[0-9a-f]{64}$/);
    }
    // Findings held only in the images (segmentation, slide) have no row and record none.
    expect(lock('brain-mets-lung').entries.every((e) => e.labels === undefined)).toBe(true);
    expect(await verify()).toMatchObject({ drift: [] });
    const report = await validateRepository(repo.root);
    expect(report.findings.filter((f) => f.rule.startsWith('labels/'))).toEqual([]);
  });

  it('fails regenerate and verify naming the scenario, the field and both values when a label changes', async () => {
    await run();
    await editJson(repo.root, 'scenarios/scenario_009.json', (s) => {
      s.source.labels.Pneumonia = 0;
    });
    const validate = await validateRepository(repo.root);
    expect(validate.findings.find((f) => f.rule === 'labels/unverified')?.message).toMatch(
      /^ground truth not yet verified against the data/,
    );
    const result = await run();
    expect(result.failures.map((f) => f.reason)).toEqual([
      expect.stringContaining(
        'scenario scenario_009: label "Pneumonia" is 0 in source.labels but "1.0" in CheXpert-v1.0-small/valid.csv',
      ),
    ]);
    expect(result.counts.chexpert?.failed).toBe(1);
    const drift = (await verify()).drift;
    expect(drift.map((d) => [d.kind, d.message])).toEqual([
      [
        'labels',
        'scenario scenario_009: label "Pneumonia" is 0 in source.labels but "1.0" in CheXpert-v1.0-small/valid.csv',
      ],
    ]);
  });

  it('fails a scenario pointed at another row, and one whose key is in two rows or in none', async () => {
    await editJson(repo.root, 'scenarios/scenario_001.json', (s) => {
      s.source.path = 'MURA-v1.1/train/XR_ELBOW/patient00001/study1_negative/image1.png';
    });
    const moved = await run({ datasets: ['mura'] });
    expect(moved.failures.map((f) => f.reason)).toEqual([
      expect.stringContaining(
        'scenario scenario_001: label "label" is 1 in source.labels but "0" in MURA-v1.1/train_labeled_studies.csv',
      ),
    ]);
    // Never locked: verify still names the label that does not match.
    expect((await verify()).drift.filter((d) => d.dataset === 'mura').map((d) => d.kind)).toEqual([
      'labels',
      'unlocked',
    ]);
    const duplicated = await withFile(
      CHEXPERT_VALID(),
      (t) =>
        t +
        t
          .split('\n')
          .find((l) => l.startsWith(ROW_009))!
          .concat('\n'),
      () => run({ datasets: ['chexpert'] }),
    );
    expect(duplicated.failures[0]?.reason).toMatch(/scenario scenario_009: its Path is in several rows/);
    const missing = await withFile(
      CHEXPERT_VALID(),
      (t) =>
        t
          .split('\n')
          .filter((l) => !l.startsWith(ROW_009))
          .join('\n'),
      () => run({ datasets: ['chexpert'] }),
    );
    expect(missing.failures[0]?.reason).toMatch(/scenario scenario_009: no row of .*valid\.csv has its Path/);
  });

  it('shows a revised label row as drift, and regenerate records the new row without rendering', async () => {
    await run();
    // The second run finds nothing to do and leaves a no-op snapshot: it must watch the label files.
    expect((await run()).rendered).toBe(0);
    const before = lock('chexpert').entries[0]!.labels!;
    await withFile(
      CHEXPERT_VALID(),
      // Another column of the same row: the scenario's label still matches, the row does not.
      (t) => t.replace(/^(CheXpert-v1\.0-small\/valid\/patient64541\/[^,]*),(Male|Female),/m, '$1,Other,'),
      async () => {
        expect((await verify()).drift.map((d) => [d.kind, d.message])).toEqual([
          ['labels', 'its label row in CheXpert-v1.0-small/valid.csv changed since it was locked'],
        ]);
        const again = await run();
        expect(again.failures).toEqual([]);
        expect(again.counts.chexpert).toMatchObject({ changed: 1 });
        expect(again.rendered).toBe(0);
        const after = lock('chexpert').entries[0]!.labels!;
        expect(after.row_sha256).not.toBe(before.row_sha256);
        expect(after.claimed_sha256).toBe(before.claimed_sha256);
      },
    );
  });
});

describe('selections by label', () => {
  const picked = () =>
    readdirSync(path.join(repo.root, 'manifests/locks'))
      .filter((f) => f.startsWith('chexpert'))
      .flatMap((f) => lock(f.replace(/\.json$/, '')).entries)
      .filter((e) => e.output.startsWith('bulk/'))
      .map((e) => e.output)
      .sort();

  it('picks the same sources on two runs and across 4 shards, and the lock records the picks and their rows', async () => {
    mkdirSync(path.join(repo.root, 'manifests/selections'), { recursive: true });
    writeFileSync(
      path.join(repo.root, 'manifests/selections/chexpert-frontal.json'),
      JSON.stringify({
        id: 'chexpert-frontal',
        dataset: 'chexpert',
        include: ['CheXpert-v1.0-small/**/*.jpg'],
        where: 'Frontal/Lateral == Frontal and "AP/PA" in [AP, PA]',
        sample: { n: 3, seed: 18, stratify_by: ['Pneumonia'] },
        recipe: { kind: 'image' },
        output_dir: 'bulk/chexpert',
      }),
    );
    expect(
      (await validateRepository(repo.root)).findings.filter((f) => f.rule.startsWith('labels/')),
    ).toEqual([]);
    await run({ datasets: ['chexpert'] });
    const first = picked();
    expect(first).toHaveLength(3);
    expect(first.every((o) => o.endsWith('_frontal.jpg.png'))).toBe(true);
    const entries = lock('chexpert').entries.filter((e) => e.output.startsWith('bulk/'));
    expect(
      entries.every((e) => e.labels?.file.endsWith('.csv') && e.labels.claimed_sha256 === undefined),
    ).toBe(true);

    await run({ datasets: ['chexpert'], force: true });
    expect(picked()).toEqual(first);

    // Four shards from scratch: each plans only its share of the picks, and together they are the same picks.
    rmSync(path.join(repo.root, 'manifests/locks'), { recursive: true, force: true });
    for (let index = 1; index <= 4; index++)
      await run({ datasets: ['chexpert'], share: { index, count: 4 } });
    expect(picked()).toEqual(first);
    const drift = (await verify()).drift.filter((d) => d.dataset === 'chexpert');
    expect(drift).toEqual([]);
  });

  it('refuses a query validate cannot parse or that names a label no file holds', async () => {
    mkdirSync(path.join(repo.root, 'manifests/selections'), { recursive: true });
    const write = (id: string, where: string) =>
      writeFileSync(
        path.join(repo.root, `manifests/selections/${id}.json`),
        JSON.stringify({
          id,
          dataset: 'mura',
          include: ['**/*.png'],
          where,
          recipe: { kind: 'image' },
          output_dir: id,
        }),
      );
    write('bad-syntax', 'label = 1');
    write('not-a-label', 'study_type == XR_HAND');
    const findings = (await validateRepository(repo.root)).findings.filter(
      (f) => f.rule === 'labels/selection-query',
    );
    expect(findings.map((f) => [f.file, f.message])).toEqual([
      ['manifests/selections/bad-syntax.json', expect.stringContaining('where: unexpected "=" at 7')],
      [
        'manifests/selections/not-a-label.json',
        expect.stringContaining('"study_type" is not a label of dataset mura'),
      ],
    ]);
  });
});

describe('scenarios suggest', () => {
  it('lists label rows that ground a scenario’s findings, with their values and source paths', async () => {
    const suggest = (id: string, ...extra: string[]) =>
      runCliCaptured(['scenarios', 'suggest', id, '--data-root', data.root, '--repo', repo.root, ...extra]);
    const chest = await suggest('scenario_009', '--format', 'json');
    expect(chest.code, chest.stderr).toBe(0);
    const [chexpert] = JSON.parse(chest.stdout).suggestions;
    expect(chexpert).toMatchObject({
      dataset: 'chexpert',
      query: 'Pneumonia == 1',
      grounds: { pneumonia: 'Pneumonia == 1' },
    });
    expect(chexpert.candidates.length).toBeGreaterThan(0);
    for (const c of chexpert.candidates) expect(Number(c.values.Pneumonia)).toBe(1);
    expect(chexpert.candidates.map((c: { sources: string[] }) => c.sources[0])).toContain(
      'CheXpert-v1.0-small/valid/patient64541/study1/view1_frontal.jpg',
    );

    const thyroid = await suggest('scenario_008', '--n', '1');
    expect(thyroid.stdout).toContain('(histopath_diagnosis == 0) and (ti-rads_level == 2)');
    expect(thyroid.stdout).toMatch(
      /dataset\.hdf5 \(select annot_id = 42_\)\s+histopath_diagnosis=0 ti-rads_level=2/,
    );
    const synthetic = await suggest('scenario_013');
    expect(synthetic.stdout).toContain('echonet-dynamic: no label grounds the findings of scenario_013');
    expect((await suggest('no-such-scenario')).code).toBe(1);
  });
});
