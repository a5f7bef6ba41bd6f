import { execFileSync } from 'node:child_process';
import { lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findingsFor, inspect } from './make.js';

const OID = 'a'.repeat(64);

describe('pointers of large-file tools', () => {
  it.each([
    ['git-lfs v1', `version https://git-lfs.github.com/spec/v1\noid sha256:${OID}\nsize 12345\n`],
    ['the old hawser spec', `version https://hawser.github.com/spec/v1\noid sha256:${OID}\nsize 12345\n`],
    [
      'leading whitespace and CRLF',
      `\r\n  version https://git-lfs.github.com/spec/v1\r\noid sha256:${OID}\r\nsize 1\r\n`,
    ],
  ])('reports a %s pointer', async (_, text) => {
    expect(await findingsFor('scan.dcm', Buffer.from(text))).toMatchObject([
      { rule: 'guard/lfs', severity: 'error', file: 'scan.dcm' },
    ]);
  });

  it.each([
    ['an unlocked git-annex pointer', `/annex/objects/SHA256E-s52428--${OID}.dcm\n`],
    [
      'a git-annex symlink target',
      `../../.git/annex/objects/Gk/3x/SHA256E-s52428--${OID}.dcm/SHA256E-s52428--${OID}.dcm`,
    ],
  ])('reports %s', async (_, text) => {
    expect(await inspect('scan.dcm', Buffer.from(text))).toEqual([
      { file: 'scan.dcm', type: 'pointer', kind: 'git-annex' },
    ]);
  });

  it('reports a .dvc file and a dvc.lock', async () => {
    const dvc = 'outs:\n- md5: 3863d0e317dee0a55c4e59d2ec0eef33\n  size: 52428\n  hash: md5\n  path: scans\n';
    const lock =
      "schema: '2.0'\nstages:\n  prepare:\n    cmd: python prep.py\n    outs:\n    - path: data/scans\n      hash: md5\n      md5: 3863d0e317dee0a55c4e59d2ec0eef33.dir\n      size: 5\n";
    for (const text of [dvc, lock]) {
      const findings = await findingsFor('data.dvc', Buffer.from(text));
      expect(findings).toMatchObject([{ rule: 'guard/pointer', severity: 'error' }]);
      expect(findings[0]!.message).toMatch(/DVC/);
    }
  });
});

describe("the repository's own content", () => {
  it('gives no finding on any tracked file (synthetic images aside, which scenarios reproduce)', async () => {
    const root = path.resolve(import.meta.dirname, '../../..');
    const files = execFileSync('git', ['-C', root, 'ls-files', '-z']).toString().split('\0').filter(Boolean);
    const unexpected: string[] = [];
    for (const file of files) {
      const full = path.join(root, file);
      const stat = lstatSync(full, { throwIfNoEntry: false });
      if (!stat?.isFile()) continue;
      for (const o of await inspect(file, readFileSync(full))) {
        const synthetic =
          o.type === 'data' && o.kind === 'png' && file.startsWith('scenarios/synthetic_images/');
        if (!synthetic) unexpected.push(`${file}: ${JSON.stringify(o)}`);
      }
    }
    expect(files.length).toBeGreaterThan(100);
    expect(unexpected).toEqual([]);
  }, 60_000);
});
