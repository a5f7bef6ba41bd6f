import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acceptsPersonNames } from '../../actions/lib/datasets/layout-path.js';
import { REPO_ROOT } from '../helpers/repository-copy.js';

describe("patient_id_pattern must not take a person's name", () => {
  it('refuses patterns that take a name bare, or as a suffix or prefix of an id', () => {
    for (const loose of [
      '.*',
      '^[A-Za-z_]+$',
      '^patient\\d{5}(?:_[A-Z]+)*$',
      '^patient\\d{5}(?:-[A-Za-z]+)?$',
      '^(?:[A-Z]{5,}_)?patient\\d{5}$',
      '^BML-\\d{3}(?:[-_][A-Za-z0-9]+)*$',
      '^(?:patient\\d{5}|[A-Z]{5,}_[A-Z]{5,})$',
    ])
      expect(acceptsPersonNames(loose), loose).toBe(true);
  });

  it("accepts every pseudonym pattern of this repository's manifests", () => {
    const dir = path.join(REPO_ROOT, 'manifests/datasets');
    const patterns = readdirSync(dir).map(
      (f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')).patient_id_pattern as string,
    );
    expect(patterns.length).toBeGreaterThanOrEqual(7);
    for (const pattern of patterns) expect(acceptsPersonNames(pattern), pattern).toBe(false);
    for (const tight of ['^patient\\d{5}$', '^0X[0-9A-F]{16}$', '^[0-9a-f]{32}$', '^P\\d+(?:_\\d+)?$'])
      expect(acceptsPersonNames(tight), tight).toBe(false);
  });
});
