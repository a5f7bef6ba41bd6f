import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changedCheckPaths, renderCheckChangesNotice } from '../../../actions/lib/review/check-changes.js';
import { commitFiles, git } from '../helpers/git-repository.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'cm-check-changes-'));
  await git(root, ['init', '-q', '-b', 'main']);
  await commitFiles(
    root,
    { 'README.md': 'r\n', 'scripts/a.ts': 'a\n', '.github/workflows/v.yml': 'v\n' },
    'base',
  );
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('the notice: this pull request changes the checks themselves', () => {
  it('lists check paths any commit touched, even when put back, but not what merging the base brought', async () => {
    await git(root, ['checkout', '-q', '-b', 'feature']);
    await commitFiles(root, { '.github/workflows/v.yml': 'changed\n', 'README.md': 'r2\n' }, 'edit');
    await commitFiles(root, { '.github/workflows/v.yml': 'v\n' }, 'put back');
    await git(root, ['checkout', '-q', 'main']);
    await commitFiles(root, { 'scripts/a.ts': 'main moved on\n', 'package.json': '{}\n' }, 'main');
    const base = (await git(root, ['rev-parse', 'HEAD'])).trim();
    await git(root, ['checkout', '-q', 'feature']);
    await git(root, ['merge', '-q', '--no-edit', 'main']);
    await commitFiles(
      root,
      {
        'manifests/policy.json': '{}\n',
        'actions/guard/main.ts': 'x\n',
        'manifests/datasets/x.json': '{}\n',
      },
      'more',
    );
    expect(await changedCheckPaths(root, base, 'HEAD')).toEqual([
      '.github/workflows/v.yml',
      'actions/guard/main.ts',
      'manifests/datasets/x.json',
      'manifests/policy.json',
    ]);
    const notice = renderCheckChangesNotice(['actions/guard/main.ts']);
    expect(notice).toMatch(/changes the checks themselves/);
    expect(notice).toContain('> - `actions/guard/main.ts`');
    expect(renderCheckChangesNotice([])).toBe('');
  });
});
