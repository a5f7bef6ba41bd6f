import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { encodeStoredPng } from '../../actions/lib/synth/stored-png.js';
import { copyRepositoryContent } from '../helpers/repository-copy.js';
import { runCliCaptured } from '../helpers/run-cli.js';

let root: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ root, cleanup } = await copyRepositoryContent()));
afterEach(() => cleanup());

/** The team's benchmark: benchmarks/clinical_images/scenarios.json, images beside it. */
async function benchmark(entries: object[]): Promise<string> {
  const dir = path.join(root, 'benchmarks/clinical_images');
  await mkdir(path.join(dir, 'synthetic_images'), { recursive: true });
  await writeFile(path.join(dir, 'synthetic_images/ultrasound_normal_nt.png'), PNG);
  await writeFile(path.join(dir, 'scenarios.json'), JSON.stringify(entries));
  return path.join(dir, 'scenarios.json');
}
const PNG = encodeStoredPng({ width: 4, height: 4, channels: 1, data: new Uint8Array(16).fill(90) });
const ENTRY = {
  id: 'scenario_108',
  image_file: 'synthetic_images/ultrasound_normal_nt.png',
  ground_truth: 'Normal nuchal translucency - 1.5mm at 12 weeks',
  metadata: { source: 'synthetic' },
};

it('resolves image_file relative to the imported file and brings the image into scenarios/', async () => {
  const file = await benchmark([ENTRY]);
  const run = await runCliCaptured(['scenarios', 'import', file, '--repo', root]);
  expect(run.code).toBe(0);
  expect(await readFile(path.join(root, 'scenarios/synthetic_images/ultrasound_normal_nt.png'))).toEqual(
    Buffer.from(PNG),
  );
});

it('takes the root from --image-root, and names the path when the image is nowhere', async () => {
  const file = await benchmark([{ ...ENTRY, image_file: 'synthetic_images/missing.png' }]);
  const run = await runCliCaptured(['scenarios', 'import', file, '--repo', root]);
  expect(run.code).toBe(1);
  expect(run.stderr).toContain(path.join(root, 'benchmarks/clinical_images/synthetic_images/missing.png'));
  const elsewhere = await runCliCaptured([
    'scenarios',
    'import',
    file,
    '--image-root',
    path.join(root, 'benchmarks'),
    '--repo',
    root,
  ]);
  expect(elsewhere.stderr).toContain(path.join(root, 'benchmarks/synthetic_images/missing.png'));
});

it("never copies a patient's image into the repository", async () => {
  const file = await benchmark([{ ...ENTRY, metadata: { patient_id: 'patient042' } }]);
  const run = await runCliCaptured(['scenarios', 'import', file, '--repo', root]);
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('licensed data never enters the repository');
});
