import { symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Finding } from '../../../actions/lib/findings/finding.js';
import { resolveLink } from '../../../actions/lib/guard/git-links.js';
import { runGuard } from '../../../actions/lib/guard/run-guard.js';
import { runGit } from '../../../actions/lib/tools/run-git.js';
import { editJson } from '../../helpers/repository-copy.js';
import { makeDicom } from '../helpers/fixtures.js';
import { commitFiles, git, pullRequestCopy } from '../helpers/git-repository.js';

let root: string;
let cleanup: () => Promise<void>;
let base: string;
let eventPath: string;
beforeEach(async () => {
  ({ root, cleanup, base, eventPath } = await pullRequestCopy());
});
afterEach(() => cleanup());

const errors = (findings: readonly Finding[]) => findings.filter((f) => f.severity === 'error');

/** Commits symbolic links (path → target) as git stores them: mode 120000, the target as the blob. */
async function commitLinks(links: Record<string, string>, message = 'links'): Promise<string> {
  for (const [file, target] of Object.entries(links)) {
    await git(root, ['update-index', '--add', '--cacheinfo', `120000,${await blobOf(target)},${file}`]);
  }
  await git(root, ['commit', '-q', '-m', message]);
  await git(root, ['checkout', '-q', '--', '.']);
  return (await git(root, ['rev-parse', 'HEAD'])).trim();
}

async function blobOfBytes(bytes: Buffer): Promise<string> {
  const file = path.join(root, '.git', 'bytes');
  await writeFile(file, bytes);
  return (await runGit(root, ['hash-object', '-w', file])).trim();
}

async function blobOf(text: string): Promise<string> {
  return (await runGit(root, ['hash-object', '-w', '--stdin'], text)).trim();
}

describe('symbolic links and submodules, by git mode', () => {
  it('resolves targets through other links without the file system', () => {
    const links = new Map([
      ['docs/a', '../scenarios'],
      ['docs/b', 'a/../outputs/x'],
      ['loop1', 'loop2'],
      ['loop2', 'loop1'],
    ]);
    expect(resolveLink('docs/c', 'a/scenario_001.json', links)).toEqual({
      resolved: 'scenarios/scenario_001.json',
    });
    // `a/..` is the parent of where the link `a` leads, as the system resolves it.
    expect(resolveLink('docs/b', 'a/../outputs/x', links)).toEqual({ resolved: 'outputs/x' });
    expect(resolveLink('docs/b', 'a/../../outputs/x', links)).toEqual({
      reason: 'it points outside the repository',
    });
    expect(resolveLink('x', '../../etc', links)).toEqual({ reason: 'it points outside the repository' });
    expect(resolveLink('x', 'C:\\data', links)).toEqual({ reason: 'its target is an absolute path' });
    expect(resolveLink('x', 'sub/.GIT./config', links)).toEqual({ reason: 'it points into .git' });
    expect(resolveLink('loop1', 'loop2', links)).toMatchObject({
      reason: expect.stringMatching(/more than/),
    });
  });

  it('fails links into data and output folders, absolute, out of the repository, into .git or an ignored folder', async () => {
    await commitLinks({
      'docs/to-data': '../data/chexpert',
      'docs/to-outputs': '../outputs',
      'docs/absolute': '/mnt/data/mura',
      'docs/escape': '../../elsewhere',
      'docs/git': '../.git/config',
      'docs/modules': '../node_modules/x',
      'docs/hop': 'to-data/patient',
      'docs/fine': '../scenarios/scenario_001.json',
    });
    const found = errors((await runGuard({ root, base, head: 'HEAD', eventPath })).findings);
    const byFile = Object.fromEntries(found.map((f) => [f.file, f.message]));
    expect(Object.keys(byFile).sort()).toEqual([
      'docs/absolute',
      'docs/escape',
      'docs/git',
      'docs/hop',
      'docs/modules',
      'docs/to-data',
      'docs/to-outputs',
    ]);
    expect(byFile['docs/to-data']).toMatch(/data or output folder "data\/"/);
    expect(byFile['docs/hop']).toMatch(/data or output folder "data\/"/);
    expect(byFile['docs/to-outputs']).toMatch(/"outputs\/"/);
    expect(byFile['docs/absolute']).toMatch(/absolute path/);
    expect(byFile['docs/escape']).toMatch(/outside the repository/);
    expect(byFile['docs/git']).toMatch(/into \.git/);
    expect(byFile['docs/modules']).toMatch(/folder git ignores/);
    // Targets can name patients' folders: never echoed.
    expect(JSON.stringify(found)).not.toMatch(/chexpert|mura|patient/);
    // The same verdicts without a base, from the index.
    const local = errors((await runGuard({ root, eventPath })).findings);
    expect(local.map((f) => f.file).sort()).toEqual(Object.keys(byFile).sort());
  });

  it('follows the base policy’s data folder, not the pull request’s', async () => {
    await git(root, ['checkout', '-q', 'main']);
    await editJson(root, 'manifests/policy.json', (p) => {
      p.data_dirs = ['data', 'private-images'];
    });
    await commitFiles(root, { '.gitignore': '/outputs/\n/data/\n/private-images/\nnode_modules/\n' }, 'base');
    base = (await git(root, ['rev-parse', 'HEAD'])).trim();
    await git(root, ['checkout', '-q', '-B', 'feature', base]);
    await editJson(root, 'manifests/policy.json', (p) => {
      p.data_dirs = ['data'];
    });
    await commitFiles(root, { '.gitignore': '/outputs/\n/data/\nnode_modules/\n' }, 'drop the folder');
    await commitLinks({ 'docs/images': '../private-images' });
    const found = errors((await runGuard({ root, base, head: 'HEAD', eventPath })).findings);
    expect(found.map((f) => [f.rule, f.file])).toContainEqual(['guard/symlink', 'docs/images']);
  });

  it('fails a link standing in for a tracked folder (locks linked to the outputs)', async () => {
    await git(root, ['rm', '-r', '-q', 'scenarios/synthetic_images']);
    await commitLinks({ 'scenarios/synthetic_images': '../docs' });
    const found = errors((await runGuard({ root, base, head: 'HEAD', eventPath })).findings);
    expect(found.find((f) => f.file === 'scenarios/synthetic_images')?.message).toMatch(
      /stands in for a tracked folder/,
    );
    await commitLinks({ 'manifests/locks': '../outputs' });
    const again = errors((await runGuard({ root, base, head: 'HEAD', eventPath })).findings);
    expect(again.find((f) => f.file === 'manifests/locks')?.message).toMatch(/stands in/);
  });

  it('fails a link to the repository root or a folder holding it (a checkout at its path lands on the tree)', async () => {
    await commitLinks({ '.trusted-base': '.', 'docs/up': '..', 'docs/deep/loop': '../../docs' });
    const found = errors((await runGuard({ root, base, head: 'HEAD', eventPath })).findings);
    for (const file of ['.trusted-base', 'docs/up', 'docs/deep/loop'])
      expect(found.find((f) => f.file === file)?.message, file).toMatch(
        /repository root or a folder that holds it/,
      );
  });

  it('fails when the work tree is neither the head it is told to judge nor a merge of it', async () => {
    const head = await commitLinks({ 'docs/harmless': 'scenarios' });
    const clean = (await runGuard({ root, base, head, eventPath })).findings;
    expect(clean.filter((f) => f.rule === 'guard/work-tree')).toEqual([]);
    // The work tree replaced by the base (as a second checkout over the first would leave it).
    await git(root, ['checkout', '-q', base]);
    const replaced = errors((await runGuard({ root, base, head, eventPath })).findings);
    expect(replaced.find((f) => f.rule === 'guard/work-tree')?.message).toMatch(
      /neither the pull request head nor a merge/,
    );
    // GitHub's merge commit of the head into the base is the pull request as it merges.
    await git(root, ['checkout', '-q', '-b', 'merge-ref', base]);
    await git(root, ['merge', '-q', '--no-ff', '-m', 'Merge', head]);
    const merged = (await runGuard({ root, base, head, eventPath })).findings;
    expect(merged.filter((f) => f.rule === 'guard/work-tree')).toEqual([]);
  });

  it('fails a submodule gitlink and a .gitmodules file, also when later removed', async () => {
    const commit = (await git(root, ['rev-parse', 'HEAD'])).trim();
    await git(root, ['update-index', '--add', '--cacheinfo', `160000,${commit},vendor/dicoms`]);
    await writeFile(
      path.join(root, '.gitmodules'),
      '[submodule "d"]\n\tpath = vendor/dicoms\n\turl = ../d\n',
    );
    await git(root, ['add', '.gitmodules']);
    await git(root, ['commit', '-q', '-m', 'submodule']);
    const found = errors((await runGuard({ root, base, head: 'HEAD', eventPath })).findings);
    expect(found.map((f) => [f.rule, f.file]).sort()).toEqual([
      ['guard/submodule', '.gitmodules'],
      ['guard/submodule', 'vendor/dicoms'],
    ]);
    const added = (await git(root, ['rev-parse', 'HEAD'])).trim();
    await git(root, ['rm', '-q', '--cached', 'vendor/dicoms']);
    await git(root, ['rm', '-q', '.gitmodules']);
    await commitFiles(root, {}, 'remove the submodule');
    const history = errors((await runGuard({ root, base, head: 'HEAD', eventPath })).findings);
    expect(history.map((f) => f.file).sort()).toEqual(['.gitmodules', 'vendor/dicoms']);
    for (const f of history) expect(f.message).toContain(added.slice(0, 12));
  });

  it('catches a link into the data folder that only the history holds', async () => {
    const added = await commitLinks({ 'docs/peek': '../data' });
    await git(root, ['rm', '-q', 'docs/peek']);
    await commitFiles(root, {}, 'remove');
    const found = errors((await runGuard({ root, base, head: 'HEAD', eventPath })).findings);
    expect(found.map((f) => f.file)).toEqual(['docs/peek']);
    expect(found[0]!.message).toContain(added.slice(0, 12));
  });

  it('reads a link’s own blob: a "target" can carry a DICOM', async () => {
    await git(root, [
      'update-index',
      '--add',
      '--cacheinfo',
      `120000,${await blobOfBytes(makeDicom())},docs/x`,
    ]);
    await git(root, ['commit', '-q', '-m', 'a link full of bytes']);
    for (const options of [{ base, head: 'HEAD' }, {}]) {
      const found = errors((await runGuard({ root, eventPath, ...options })).findings);
      expect(found.map((f) => [f.rule, f.file]).sort()).toEqual([
        ['guard/data-file', 'docs/x'],
        ['guard/symlink', 'docs/x'],
      ]);
    }
  });

  it('reads no file through a work-tree symlink', async () => {
    await symlink('/dev/zero', path.join(root, 'docs-zero'));
    await git(root, ['add', 'docs-zero']);
    const found = errors((await runGuard({ root, eventPath })).findings);
    expect(found.map((f) => [f.rule, f.file])).toEqual([['guard/symlink', 'docs-zero']]);
  });
});
