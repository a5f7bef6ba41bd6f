import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { serializeLock } from '../../actions/lib/locks/lock-format.js';
import type { LockEntry, TextScanRecord } from '../../actions/lib/schema/lock.js';
import { validateRepository } from '../../actions/lib/validate/validate-repository.js';
import { copyRepositoryContent, editJson } from '../helpers/repository-copy.js';

const SCENARIO = 'scenarios/scenario_008.json'; // thyroid-ultrasound, modality ultrasound
const OUTPUT = 'real_images/thyroid-ultrasound/scenario_008.png';
const PIXELS = 'd'.repeat(64);
const SCAN: TextScanRecord = {
  engine: 'tesseract-wasm',
  version: '0.11.0',
  model: 'eng 4.0.0_best_int 1.0.0',
  frames: 1,
  text_regions: 2,
  identifying_regions: 0,
  categories: ['depth', 'frequency'],
};

async function writeLock(root: string, textScan: TextScanRecord | undefined): Promise<void> {
  const entry: LockEntry = {
    output: OUTPUT,
    source: { path: 'dataset.hdf5', sha256: 'a'.repeat(64), size: 1234 },
    recipe: { kind: 'hdf5', dataset: 'image' },
    recipe_sha256: 'b'.repeat(64),
    output_sha256: 'c'.repeat(64),
    pixels_sha256: PIXELS,
    width: 640,
    height: 480,
    channels: 1,
    ...(textScan ? { text_scan: textScan } : {}),
  };
  await mkdir(path.join(root, 'manifests/locks'), { recursive: true });
  const text = serializeLock({
    $schema: '../schema/lock.schema.json',
    format: 1,
    dataset: 'thyroid-ultrasound',
    tools: { node: '20' },
    entries: [entry],
  });
  await writeFile(path.join(root, 'manifests/locks/thyroid-ultrasound.json'), text);
}

let root: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ root, cleanup } = await copyRepositoryContent()));
afterEach(() => cleanup());

const textFindings = async () =>
  (await validateRepository(root)).findings.filter((f) =>
    /^phi\/(burned-in-text|text-not-scanned)/.test(f.rule),
  );

it('accepts a scanned entry with machine annotations only', async () => {
  await writeLock(root, SCAN);
  expect(await textFindings()).toEqual([]);
});

it('warns on an ultrasound entry without a scan; a notice when policy exempts the dataset', async () => {
  await writeLock(root, undefined);
  expect(await textFindings()).toEqual([
    expect.objectContaining({ rule: 'phi/text-not-scanned', severity: 'warning', file: SCENARIO }),
  ]);
  await editJson(root, 'manifests/policy.json', (p) => {
    p.text_scan_exempt = [{ dataset: 'thyroid-ultrasound', reason: 'test' }];
  });
  expect(await textFindings()).toEqual([
    expect.objectContaining({ rule: 'phi/text-not-scanned', severity: 'notice' }),
  ]);
});

it('errors on identifying text left in a lock, unless reviewed for exactly these pixels', async () => {
  await writeLock(root, { ...SCAN, identifying_regions: 1, categories: ['depth', 'name'], reviewed: true });
  const [error] = await textFindings();
  expect(error).toMatchObject({ rule: 'phi/burned-in-text', severity: 'error', file: SCENARIO });
  expect(error!.message).toMatch(/review is for other pixels|reviewed_burned_in_text/);
  await editJson(root, 'manifests/policy.json', (p) => {
    p.reviewed_burned_in_text = [{ output: OUTPUT, pixels_sha256: PIXELS, reason: 'test' }];
  });
  expect(await textFindings()).toEqual([]);
});
