/**
 * Property: the guard (a pull-request check that reads untrusted files) inspects any damaged zip,
 * tar or gzip archive without throwing, within a time bound, and never quotes a member's content
 * (the DICOM inside carries PHI) in the problems it reports.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { bufferSource } from '../../actions/lib/guard/byte-source.js';
import { inspectArchive } from '../../actions/lib/guard/inspect-archive.js';
import { zipStored } from '../../actions/lib/synth/formats/zip-stored.js';
import { mutateBytes, prng } from './corpus/mutate.js';
import { writerSeeds } from './corpus/writer-seeds.js';
import { phiIn } from './phi.js';

const dir = mkdtempSync(path.join(tmpdir(), 'cm-archive-property-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const dicom = writerSeeds()[0]!.bytes;
const inner = zipStored([{ name: 'scan/ct.dcm', data: dicom }]);
writeFileSync(path.join(dir, 'ct.dcm'), dicom);
writeFileSync(path.join(dir, 'notes.txt'), 'Doe^Jane MRN-123456\n');
const tar = new Uint8Array(execFileSync('tar', ['-cf', '-', '-C', dir, 'ct.dcm', 'notes.txt']));
const archives: [string, 'zip' | 'tar' | 'gzip', Uint8Array][] = [
  [
    'zip',
    'zip',
    zipStored([
      { name: 'notes.txt', data: new TextEncoder().encode('Doe^Jane') },
      { name: 'ct.dcm', data: dicom },
    ]),
  ],
  ['nested zip', 'zip', zipStored([{ name: 'inner.zip', data: inner }])],
  ['tar', 'tar', tar],
  ['tar.gz', 'gzip', new Uint8Array(gzipSync(tar))],
];

describe('guard archive inspection under seeded mutation (property)', () => {
  it('finds the DICOM in each intact archive', async () => {
    for (const [name, kind, bytes] of archives) {
      const result = await inspectArchive(bufferSource(Buffer.from(bytes)), kind);
      expect(
        result.hits.map((h) => h.kind),
        name,
      ).toContain('dicom');
    }
  });

  it('never throws, ends, and reports no member content', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(archives.length - 1), fc.integer(), async (which, mutation) => {
        const [name, kind, bytes] = archives[which]!;
        const damaged = Buffer.from(mutateBytes(bytes, prng(mutation), 4));
        // No clock here: a hang ends at the test's timeout, and per-case time belongs to `npm run fuzz`.
        const result = await inspectArchive(bufferSource(damaged), kind);
        expect(Array.isArray(result.hits) && Array.isArray(result.problems), name).toBe(true);
        expect(phiIn(JSON.stringify(result))).toEqual([]);
      }),
      { numRuns: 600, seed: 20261127 },
    );
  }, 60_000);

  // BUG-10 (fixed in 39f5a89): a zip whose local headers disagree with the central directory
  // (name or extra length), whose directory declares fewer members than it holds, or with bytes no
  // member accounts for, is read from the wrong offsets or not at all: no hit, no problem, and the
  // DICOM inside, byte for byte, passed the guard.
  it('a zip that still holds the DICOM byte for byte never passes silently (BUG-10)', async () => {
    // The flat zip only: a member nested one level down whose own header is damaged is an unknown
    // binary member, which the guard lets through by design (see the report of issue 8).
    const zips = archives.filter(([name]) => name === 'zip');
    await fc.assert(
      fc.asyncProperty(fc.nat(zips.length - 1), fc.integer(), async (which, mutation) => {
        const [name, kind, bytes] = zips[which]!;
        const damaged = Buffer.from(mutateBytes(bytes, prng(mutation), 1));
        fc.pre(damaged.includes(Buffer.from(dicom)));
        const result = await inspectArchive(bufferSource(damaged), kind);
        expect(result.hits.length + result.problems.length, `${name} / ${mutation}`).toBeGreaterThan(0);
      }),
      { numRuns: 1000, seed: 20261127 },
    );
  });
});
