/** How the red-team runner judges a run: which findings name an attempt's file, what counts as a leak. */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../actions/lib/findings/finding.js';
import { leaksIn, namesFile } from './corpus-runner.js';

const finding = (file: string): Finding => ({
  rule: 'guard/data-file',
  severity: 'error',
  file,
  message: 'x',
});

describe('red-team judgement', () => {
  it('a finding names the file itself, a member of it or a version of it in a commit', () => {
    expect(namesFile(finding('docs/a.bin'), 'docs/a.bin')).toBe(true);
    expect(namesFile(finding('vendor/b.zip!scan.dcm'), 'vendor/b.zip')).toBe(true);
    expect(namesFile(finding('vendor/b.tar/scan.dcm'), 'vendor/b.tar')).toBe(true);
    expect(namesFile(finding('scans/c.dcm@1a2b3c4'), 'scans/c.dcm')).toBe(true);
    expect(namesFile(finding('scans/c.dcm (in commit 1a2b3c4)'), 'scans/c.dcm')).toBe(true);
  });

  it('a finding about another file does not count', () => {
    expect(namesFile(finding('docs/a.bin.bak'), 'docs/a.bin')).toBe(false);
    expect(namesFile(finding('docs/a.binary'), 'docs/a.bin')).toBe(false);
    expect(namesFile(finding('docs/a-b.bin'), 'docs/a')).toBe(false);
    expect(namesFile(finding('manifests/policy.json'), 'docs/a.bin')).toBe(false);
  });

  it('any identifying marker in stdout or stderr is a leak', () => {
    const run = (stdout: string, stderr = '') => ({ stdout, stderr }) as never;
    expect(leaksIn([run('clean'), run('', 'also clean')])).toEqual([]);
    expect(leaksIn([run('path MURA/ZARQUON_WILHELMINA/x.png')])).toEqual(['ZARQUON', 'WILHELMINA']);
    expect(leaksIn([run('', 'id 48213977 born 19470312')])).toEqual(['48213977', '19470312']);
  });
});
