import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { streamCsvRecords } from '../../actions/lib/labels/csv-rows.js';
import {
  LabelQueryError,
  matchesLabelQuery,
  parseLabelQuery,
  queryFields,
} from '../../actions/lib/labels/label-query.js';
import { seededSample } from '../../actions/lib/labels/seeded-sample.js';

const row = (r: Record<string, string>) => (f: string) => r[f] ?? '';

describe('label queries', () => {
  it('parse equality, sets, ranges, and/or/not, quoted and slashed field names', () => {
    const q = parseLabelQuery('Pneumonia == 1 and Frontal/Lateral == Frontal');
    expect(queryFields(q)).toEqual(['Pneumonia', 'Frontal/Lateral']);
    expect(matchesLabelQuery(q, row({ Pneumonia: '1.0', 'Frontal/Lateral': 'Frontal' }))).toBe(true);
    expect(matchesLabelQuery(q, row({ Pneumonia: '1.0', 'Frontal/Lateral': 'Lateral' }))).toBe(false);
    expect(matchesLabelQuery(q, row({ Pneumonia: '', 'Frontal/Lateral': 'Frontal' }))).toBe(false);

    const ef = parseLabelQuery('EF < 40 or not (EF >= 20)');
    expect(matchesLabelQuery(ef, row({ EF: '39.99' }))).toBe(true);
    expect(matchesLabelQuery(ef, row({ EF: '40.00' }))).toBe(false);
    // A blank cell is never below or above anything, so only `not` makes it match.
    expect(matchesLabelQuery(ef, row({ EF: '' }))).toBe(true);

    const set = parseLabelQuery('ti-rads_level in [4, 5] and "Pleural Effusion" not in [-1, ""]');
    expect(queryFields(set)).toEqual(['ti-rads_level', 'Pleural Effusion']);
    expect(matchesLabelQuery(set, row({ 'ti-rads_level': '5', 'Pleural Effusion': '1.0' }))).toBe(true);
    expect(matchesLabelQuery(set, row({ 'ti-rads_level': '5', 'Pleural Effusion': '-1.0' }))).toBe(false);
    expect(matchesLabelQuery(set, row({ 'ti-rads_level': '3', 'Pleural Effusion': '1.0' }))).toBe(false);
  });

  it('refuses what it cannot parse, saying where, and never evaluates code', () => {
    for (const [text, where] of [
      ['EF <', 'at the end'],
      ['EF = 40', 'at 4'],
      ['(EF < 40', 'at the end'],
      ['EF < 40 EF', 'at 9'],
      ['process.exit(1)', 'at 13'],
      ['"EF < 40', 'unterminated'],
      ['', 'empty'],
    ] as const) {
      expect(() => parseLabelQuery(text), text).toThrow(LabelQueryError);
      expect(() => parseLabelQuery(text), text).toThrow(where);
    }
    expect(() => parseLabelQuery(`${'('.repeat(100)}EF < 1${')'.repeat(100)}`)).toThrow(/deeper/);
  });
});

describe('seeded sample', () => {
  const candidates = Array.from({ length: 300 }, (_, i) => ({
    id: `p${String(i).padStart(4, '0')}`,
    stratum: i % 10 === 0 ? 'rare' : i % 3 === 0 ? 'b' : 'a',
  }));

  it('picks the same ids whatever the input order, and other ids for another seed', () => {
    const one = seededSample(candidates, 20, 7);
    expect(seededSample([...candidates].reverse(), 20, 7)).toEqual(one);
    expect(one).toHaveLength(20);
    expect(seededSample(candidates, 20, 8)).not.toEqual(one);
  });

  it('shares n out by stratum size (largest remainder)', () => {
    const picked = new Set(seededSample(candidates, 30, 'x'));
    const per = (s: string) => candidates.filter((c) => c.stratum === s && picked.has(c.id)).length;
    // Strata of 30, 90 and 180 of 300: exactly 3, 9 and 18 of 30.
    expect([per('rare'), per('b'), per('a')]).toEqual([3, 9, 18]);
  });
});

describe('CSV records', () => {
  it('reads quoted fields with commas, quotes and line breaks across stream chunks, CRLF and a BOM', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cm-csv-'));
    try {
      const file = path.join(dir, 'a.csv');
      const filler = 'x'.repeat(1 << 20);
      writeFileSync(
        file,
        `\ufeffPath,Note\r\na.jpg,"one, ""two""\nthree"\r\n${filler},plain\r\n\r\nb.jpg,\r\n`,
      );
      const records: string[][] = [];
      await streamCsvRecords(file, (r) => records.push(r));
      expect(records).toEqual([
        ['Path', 'Note'],
        ['a.jpg', 'one, "two"\nthree'],
        [filler, 'plain'],
        ['b.jpg', ''],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('review', () => {
  it('says a scenario’s ground truth is not yet verified when its labels change, not when its recipe does', async () => {
    const { buildReview } = await import('../../actions/lib/review/build-review.js');
    const scenario = (labels: Record<string, number>, recipe: Record<string, unknown> = { kind: 'image' }) =>
      JSON.stringify({
        id: 's1',
        image_file: 'real_images/chexpert/s1.png',
        ground_truth: 'Pneumonia',
        metadata: {},
        source: {
          dataset: 'chexpert',
          path: 'CheXpert-v1.0-small/valid/patient00001/study1/view1_frontal.jpg',
          recipe,
          labels,
        },
      });
    const base = new Map([['scenarios/s1.json', scenario({ Pneumonia: 1 })]]);
    const relabelled = buildReview(
      'main',
      base,
      new Map([['scenarios/s1.json', scenario({ Pneumonia: 0 })]]),
    );
    expect(relabelled.regeneration.map((r) => r.reason)).toEqual([
      expect.stringMatching(
        /^ground truth not yet verified against the data: source\.labels or source changed/,
      ),
    ]);
    const resized = buildReview(
      'main',
      base,
      new Map([['scenarios/s1.json', scenario({ Pneumonia: 1 }, { kind: 'image', max_side: 512 })]]),
    );
    expect(resized.regeneration.map((r) => r.reason)).toEqual([expect.stringMatching(/^recipe changed/)]);
  });
});

describe('label rows and lock entries', () => {
  it('cuts out one cell as a full parse would, and hashes a row as canonical JSON of column → cell', async () => {
    const { csvCell, parseCsvRecord } = await import('../../actions/lib/labels/csv-rows.js');
    const { labelRowSha256 } = await import('../../actions/lib/labels/label-hashes.js');
    const { canonicalJson } = await import('../../actions/lib/locks/canonical-json.js');
    const { createHash } = await import('node:crypto');
    for (const line of ['a,b,,d\r', 'x', '"q,1","say ""hi""",3', ',,']) {
      const cells = parseCsvRecord(line);
      for (let j = -1; j < cells.length + 2; j++)
        expect(csvCell(line, j), `${line} ${j}`).toBe(cells[j] ?? '');
    }
    const columns = ['Path', 'EF', 'AP/PA'];
    const row = ['a.jpg', '62.00', ''];
    const expected = createHash('sha256')
      .update(canonicalJson({ Path: 'a.jpg', EF: '62.00', 'AP/PA': '' }))
      .digest('hex');
    expect(labelRowSha256(columns, row)).toBe(expected);
  });

  it('accepts a lock entry with labels in the fast check exactly when zod does', async () => {
    const { isLockEntry } = await import('../../actions/lib/locks/fast-entry-check.js');
    const { LockEntry } = await import('../../actions/lib/schema/lock.js');
    const sha = 'a'.repeat(64);
    const entry = {
      output: 'o.png',
      source: { path: 's.jpg', sha256: sha, size: 1 },
      recipe: { kind: 'image' },
      recipe_sha256: sha,
      output_sha256: sha,
      pixels_sha256: sha,
      width: 1,
      height: 1,
      channels: 1,
    };
    for (const labels of [
      { file: 'a.csv', row_sha256: sha },
      { file: 'a.csv', row_sha256: sha, claimed_sha256: sha },
      { file: 'a.csv', row_sha256: 'x' },
      { file: '', row_sha256: sha },
      { file: 'a.csv', row_sha256: sha, extra: 1 },
      { file: 'a.csv', row_sha256: sha, claimed_sha256: 'no' },
    ]) {
      const value = { ...entry, labels };
      expect(isLockEntry(value), JSON.stringify(labels)).toBe(LockEntry.safeParse(value).success);
    }
  });
});

describe('label query parser on arbitrary text', () => {
  it('either parses (naming at least one field) or throws a LabelQueryError', async () => {
    const fc = await import('fast-check');
    const alphabet = fc.constantFrom(
      ...'EFab01 .-/_"\'()[],=<>!notandorin'.split(''),
      ' and ',
      ' or ',
      ' in ',
    );
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 60 }).map((a) => a.join('')),
        (text) => {
          try {
            const q = parseLabelQuery(text);
            expect(queryFields(q).length).toBeGreaterThan(0);
          } catch (error) {
            expect(error).toBeInstanceOf(LabelQueryError);
          }
        },
      ),
      { numRuns: 2000, seed: 18 },
    );
  });
});
