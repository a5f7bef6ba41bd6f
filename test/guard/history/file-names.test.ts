import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { TreeEntry } from '../../../actions/lib/guard/change-set.js';
import { nameFindings } from '../../../actions/lib/guard/name-findings.js';
import { realPng } from '../detect/make.js';

const EMPTY = 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391';
const entries = (paths: string[]): TreeEntry[] => paths.map((path) => ({ path, mode: '100644', oid: EMPTY }));

function base32(bytes: Buffer): string {
  let out = '';
  let value = 0;
  let bits = 0;
  for (const b of bytes) {
    value = ((value << 8) | b) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += 'abcdefghijklmnopqrstuvwxyz234567'[(value >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

describe('payloads spelled by the names of the files a pull request adds', () => {
  it('finds a PNG spelled in base32 by the names of empty files, on the first of them', () => {
    const chunks = base32(realPng(48)).match(/.{1,200}/g)!;
    const paths = chunks.map((c, i) => `docs/idx/${String(i).padStart(3, '0')}${c}`);
    const findings = nameFindings(entries(['README.md']), entries(paths));
    expect(findings).toMatchObject([{ rule: 'guard/embedded-data', severity: 'error', file: paths[0] }]);
    // Only names the base does not hold count.
    expect(nameFindings(entries(paths), entries(paths))).toEqual([]);
  });

  it('leaves hash-named and ordinary files alone', () => {
    const hashes = Array.from({ length: 60 }, (_, i) => createHash('sha256').update(String(i)).digest('hex'));
    expect(nameFindings([], entries(hashes.map((h) => `cache/${h}.json`)))).toEqual([]);
    const ordinary = Array.from(
      { length: 40 },
      (_, i) => `scenarios/scenario_${String(i).padStart(3, '0')}.json`,
    );
    expect(nameFindings([], entries(ordinary))).toEqual([]);
  });
});
