import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderSyntheticImage } from '../../actions/lib/synth/synthetic-image.js';
import { runCliCaptured } from '../helpers/run-cli.js';

function scenario(id: string, synthetic: Record<string, unknown>) {
  return {
    id,
    image_file: synthetic.image_file,
    ground_truth: 'Synthetic test image',
    modality: 'ct',
    anatomy: ['chest'],
    metadata: { source: 'synthetic', patient_id: `synthetic-${id}` },
    synthetic,
  };
}

describe('synth --images', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'cm-synth-images-'));
    await mkdir(path.join(root, 'scenarios'), { recursive: true });
    await writeFile(
      path.join(root, 'scenarios/s1.json'),
      JSON.stringify(
        scenario('s1', {
          image_file: 'synthetic_images/s1.png',
          generator: 'ct',
          seed: 11,
          parameters: { region: 'head' },
        }),
      ),
    );
    await writeFile(
      path.join(root, 'scenarios/s2.json'),
      JSON.stringify(
        scenario('s2', {
          image_file: 'synthetic_images/s2.png',
          generator: 'pathology',
          seed: 12,
          parameters: {},
        }),
      ),
    );
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('writes every scenario image, byte-identical to the generator, and is idempotent', async () => {
    const first = await runCliCaptured(['synth', '--images', '--repo', root]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('written   scenarios/synthetic_images/s1.png');
    const s1 = await readFile(path.join(root, 'scenarios/synthetic_images/s1.png'));
    expect(
      s1.equals(renderSyntheticImage({ generator: 'ct', seed: 11, parameters: { region: 'head' } })),
    ).toBe(true);
    const second = await runCliCaptured(['synth', '--images', '--repo', root]);
    expect(second.stdout).toContain('2 synthetic images, 2 unchanged');
    expect((await readdir(path.join(root, 'scenarios/synthetic_images'))).sort()).toEqual([
      's1.png',
      's2.png',
    ]);
  });

  it('--check fails on a changed or missing image and names it', async () => {
    await runCliCaptured(['synth', '--images', '--repo', root]);
    expect((await runCliCaptured(['synth', '--images', '--check', '--repo', root])).code).toBe(0);
    await writeFile(path.join(root, 'scenarios/synthetic_images/s1.png'), Buffer.from('not the image'));
    await rm(path.join(root, 'scenarios/synthetic_images/s2.png'));
    const check = await runCliCaptured(['synth', '--images', '--check', '--repo', root]);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/scenarios\/synthetic_images\/s1\.png {2}error {2}differs/);
    expect(check.stdout).toMatch(/scenarios\/synthetic_images\/s2\.png {2}error {2}missing/);
  });

  it('warns about images no scenario makes', async () => {
    await runCliCaptured(['synth', '--images', '--repo', root]);
    await writeFile(path.join(root, 'scenarios/synthetic_images/old.png'), Buffer.from('x'));
    const check = await runCliCaptured(['synth', '--images', '--check', '--repo', root]);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain(
      'scenarios/synthetic_images/old.png  warning  no scenario makes this file',
    );
  });

  it('reports a bad spec as a finding on the scenario file', async () => {
    await writeFile(
      path.join(root, 'scenarios/s3.json'),
      JSON.stringify(
        scenario('s3', {
          image_file: 'synthetic_images/s3.png',
          generator: 'ct',
          seed: 1,
          parameters: { region: 'knee' },
        }),
      ),
    );
    const result = await runCliCaptured(['synth', '--images', '--repo', root]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /scenarios\/s3\.json:\d+:\d+ {2}error {2}parameter "region" must be one of/,
    );
  });

  it('needs exactly one of --images and --out', async () => {
    expect((await runCliCaptured(['synth', '--repo', root])).code).toBe(2);
  });
});
