// The README tells a newcomer which Debian packages the tests need; .ci/run installs them. One list
// drifting from the other made tests skip on a machine set up from the README (issue 19).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/repository-copy.js';

/** Package names of the first `apt-get install` command in `text` (continuation lines joined, flags dropped). */
function aptPackages(text: string): string[] {
  const joined = text.replace(/\\\n/g, ' ');
  const line = joined.split('\n').find((l) => /^\s*apt-get install\s/.test(l));
  if (!line) throw new Error('no apt-get install line');
  return line
    .replace(/>.*$/, '')
    .trim()
    .split(/\s+/)
    .slice(2)
    .filter((word) => !word.startsWith('-'))
    .sort();
}

const read = (file: string) => readFileSync(path.join(REPO_ROOT, file), 'utf8');

describe("the README's Debian packages", () => {
  it('are exactly the ones .ci/run installs', () => {
    const ci = aptPackages(read('.ci/run'));
    expect(ci).toContain('python3-openslide');
    expect(ci).toContain('openjph-tools');
    expect(aptPackages(read('README.md'))).toEqual(ci);
  });

  it('are read from both files whole (a missed continuation line would shorten one list)', () => {
    expect(aptPackages('apt-get install -y a \\\n  b c >/dev/null\n')).toEqual(['a', 'b', 'c']);
    expect(aptPackages('x\napt-get install b \\\n  a\n')).toEqual(['a', 'b']);
  });
});
