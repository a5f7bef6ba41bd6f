/** Inputs meant to exhaust memory or time: each must end in a clear error naming the file, not a crash. */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { makeZip } from '../../guard/helpers/fixtures.js';
import type { Attempt } from '../attempt.js';
import { tar } from './archive-writers.js';

const C = 'resource';

/** A ~200 MB scenario: one object of ~17 million keys (past a Map's maximum size). */
async function hugeScenario(file: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const out = createWriteStream(file);
  const write = (s: string) =>
    new Promise<void>((resolve) => (out.write(s) ? resolve() : out.once('drain', resolve)));
  await write('{"id": "scenario_030", "metadata": {');
  const keys = 17_000_000;
  const chunk = 100_000;
  for (let i = 0; i < keys; i += chunk) {
    let s = '';
    for (let k = i; k < i + chunk; k++) s += `${k ? ',' : ''}"${k.toString(36)}":0`;
    await write(s);
  }
  await write('}}\n');
  await new Promise<void>((resolve) => out.end(resolve));
}

/** A zip whose first member inflates to 64 MB of zeros, its second a DICOM. */
function zipBomb(dicom: Buffer): Buffer {
  const zeros = Buffer.alloc(64 << 20);
  return makeZip([
    { name: 'padding.bin', data: zeros },
    { name: 'scan.dcm', data: dicom },
  ]);
}

/** A NIfTI-1 header whose vox_offset claims 3.5e9, gzipped with 4 MB of voxels. */
function niftiHugeOffset(): Buffer {
  const h = Buffer.alloc(352);
  h.writeInt32LE(348, 0);
  for (const [i, v] of [3, 256, 256, 64, 1, 1, 1, 1].entries()) h.writeInt16LE(v, 40 + i * 2);
  h.writeInt16LE(2, 70);
  h.writeInt16LE(8, 72);
  h.writeFloatLE(3.5e9, 108);
  h.write('n+1\0', 344, 'latin1');
  return gzipSync(Buffer.concat([h, Buffer.alloc(4 << 20, 7)]));
}

export function resourceAttempts(): Attempt[] {
  return [
    {
      id: `${C}/scenario-200mb`,
      cls: C,
      files: ['scenarios/scenario_030.json'],
      timeoutMs: 60_000,
      async build(r) {
        await hugeScenario(path.join(r.root, 'scenarios/scenario_030.json'));
        await r.commit('big scenario');
      },
    },
    {
      id: `${C}/zip-bomb-then-dicom`,
      cls: C,
      files: ['vendor/bundle.zip'],
      async build(r, p) {
        await r.write('vendor/bundle.zip', zipBomb(p.dicom));
        await r.commit('bundle');
      },
      proof: 'dicom_ok(zipfile.ZipFile("vendor/bundle.zip").read("scan.dcm"))',
    },
    {
      id: `${C}/nifti-gz-huge-vox-offset`,
      cls: C,
      files: ['assets/brain.nii.gz'],
      async build(r) {
        await r.write('assets/brain.nii.gz', niftiHugeOffset());
        await r.commit('volume');
      },
      proof:
        'b = gzip.decompress(read("assets/brain.nii.gz")); assert int.from_bytes(b[:4], "little") == 348 and len(b) > 4_000_000',
    },
    {
      id: `${C}/tar-20000-members-then-dicom`,
      cls: C,
      files: ['vendor/many.tar'],
      async build(r, p) {
        const members = Array.from({ length: 20_000 }, (_, i) => ({
          name: `f/${i}.txt`,
          data: Buffer.from('x\n'),
        }));
        await r.write('vendor/many.tar', tar([...members, { name: 'scan.dcm', data: p.dicom }]));
        await r.commit('many');
      },
      proof: 'dicom_ok(sh("tar -xOf vendor/many.tar scan.dcm"))',
    },
    {
      id: `${C}/scenario-nested-100000`,
      cls: C,
      files: ['scenarios/scenario_031.json'],
      async build(r) {
        await r.write('scenarios/scenario_031.json', `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}\n`);
        await r.commit('nested');
      },
    },
    {
      id: `${C}/deflate-bomb-gz`,
      cls: C,
      files: ['logs/huge.log.gz'],
      async build(r, p) {
        await r.write('logs/huge.log.gz', gzipSync(Buffer.concat([Buffer.alloc(64 << 20), p.dicom])));
        await r.commit('log');
      },
      proof: 'b = gzip.decompress(read("logs/huge.log.gz")); dicom_ok(b[64 << 20:])',
    },
  ];
}
