import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Finding } from '../../../actions/lib/findings/finding.js';
import { runGuard } from '../../../actions/lib/guard/run-guard.js';
import { renderSyntheticImage } from '../../../actions/lib/synth/synthetic-image.js';
import { editJson } from '../../helpers/repository-copy.js';
import { runCliCaptured } from '../../helpers/run-cli.js';
import { makeDicom, makePng } from '../helpers/fixtures.js';
import { commitFiles, git, pullRequestCopy, writeEvent } from '../helpers/git-repository.js';

let root: string;
let cleanup: () => Promise<void>;
let base: string;
let eventPath: string;
beforeEach(async () => {
  ({ root, cleanup, base, eventPath } = await pullRequestCopy());
});
afterEach(() => cleanup());

const errors = (findings: readonly Finding[]) => findings.filter((f) => f.severity === 'error');
const judge = (head = 'HEAD') => runGuard({ root, base, head, eventPath });
const short = (sha: string) => sha.slice(0, 12);

describe('guard with a base: the history of the pull request, not only its tree', () => {
  it('passes an ordinary pull request of several commits, reading only what it added', async () => {
    await editJson(root, 'scenarios/scenario_009.json', (s) => {
      s.ground_truth = 'Edited in the pull request';
    });
    await commitFiles(root, { 'docs/notes.md': '# Notes\n\nA line.\n' }, 'notes');
    await commitFiles(root, { 'docs/notes.md': '# Notes\n\nTwo lines.\n' }, 'more notes');
    const result = await judge();
    expect(errors(result.findings)).toEqual([]);
    expect(result.commits).toBe(2);
    // Two versions of the notes and the edited scenario: nothing the base already holds.
    expect(result.scannedFiles).toBe(3);
  });

  it('passes a synthetic image regenerated twice: each version matches its own commit’s scenario', async () => {
    const file = 'scenarios/synthetic_images/scenario_005.png';
    for (const seed of [50, 51]) {
      await editJson(root, 'scenarios/scenario_005.json', (s) => {
        s.synthetic.seed = seed;
      });
      const spec = { generator: 'ct', seed, parameters: { region: 'abdomen' } };
      await commitFiles(root, { [file]: renderSyntheticImage(spec) }, `seed ${seed}`);
    }
    expect(errors((await judge()).findings)).toEqual([]);
    // A version no scenario ever claimed is caught, in the history too.
    await commitFiles(root, { [file]: makePng(32, 32, 9) }, 'hand-made');
    const spec = { generator: 'ct', seed: 51, parameters: { region: 'abdomen' } };
    const hidden = await git(root, ['rev-parse', 'HEAD']);
    await commitFiles(root, { [file]: renderSyntheticImage(spec) }, 'put back');
    const found = errors((await judge()).findings);
    expect(found.map((f) => [f.rule, f.file])).toEqual([['guard/synthetic-image', file]]);
    expect(found[0]!.message).toContain(hidden.trim().slice(0, 12));
  });

  it('catches data added in one commit and deleted in the next, naming the path and the commit', async () => {
    const added = await commitFiles(root, { 'docs/scan.bin': makeDicom() }, 'add');
    await commitFiles(root, { 'docs/scan.bin': null }, 'oops, remove');
    const found = errors((await judge()).findings);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: 'guard/data-file', file: 'docs/scan.bin' });
    expect(found[0]!.message).toContain(`commit ${short(added)}`);
    expect(found[0]!.message).toMatch(/remove it from the history \(rebase or squash/);
    expect(JSON.stringify(found)).not.toContain('Test^Patient');
    // The work tree alone is clean: only the history shows it.
    expect(errors((await runGuard({ root, eventPath })).findings)).toEqual([]);
    // The CLI judges the same change.
    const cli = await runCliCaptured(
      ['guard', '--repo', root, '--base', 'main', '--head', 'HEAD', '--format', 'json'],
      {
        env: { GITHUB_EVENT_PATH: eventPath },
      },
    );
    expect(cli.code).toBe(1);
    const report = JSON.parse(cli.stdout);
    expect(report.commits).toBe(2);
    expect(
      report.findings.filter((f: Finding) => f.severity === 'error').map((f: Finding) => f.file),
    ).toEqual(['docs/scan.bin']);
    const lonely = await runCliCaptured(['guard', '--repo', root, '--head', 'HEAD']);
    expect(lonely.code).toBe(2);
  });

  it('catches data in a side branch merged into the pull request', async () => {
    await git(root, ['checkout', '-q', '-b', 'side', base]);
    const side = await commitFiles(root, { 'figures/chest.png': makePng() }, 'side: add');
    await commitFiles(root, { 'figures/chest.png': null }, 'side: remove');
    await git(root, ['checkout', '-q', 'feature']);
    await commitFiles(root, { 'docs/a.md': 'a\n' }, 'feature');
    await git(root, ['-c', 'user.name=T', '-c', 'user.email=t@e', 'merge', '-q', '--no-edit', 'side']);
    const found = errors((await judge()).findings);
    expect(found.map((f) => [f.rule, f.file])).toEqual([['guard/data-file', 'figures/chest.png']]);
    expect(found[0]!.message).toContain(short(side));
  });

  it('catches data a merge commit adds itself (differs from every parent)', async () => {
    await git(root, ['checkout', '-q', '-b', 'side', base]);
    await commitFiles(root, { 'docs/b.md': 'b\n' }, 'side');
    await git(root, ['checkout', '-q', 'feature']);
    await commitFiles(root, { 'docs/a.md': 'a\n' }, 'feature');
    await git(root, ['-c', 'user.name=T', '-c', 'user.email=t@e', 'merge', '-q', '--no-commit', 'side']);
    await commitFiles(root, { 'docs/evil.dcm': makeDicom() }, 'merge');
    const merge = (await git(root, ['rev-parse', 'HEAD'])).trim();
    await commitFiles(root, { 'docs/evil.dcm': null }, 'remove');
    const found = errors((await judge()).findings);
    expect(found.map((f) => f.file)).toEqual(['docs/evil.dcm']);
    expect(found[0]!.message).toContain(short(merge));
  });

  it('catches data renamed and then deleted, at the path it was added under', async () => {
    const added = await commitFiles(root, { 'docs/x/img.dcm': makeDicom({ preamble: false }) }, 'add');
    await git(root, ['mv', 'docs/x', 'docs/y']);
    await git(root, ['mv', 'docs/y/img.dcm', 'docs/y/renamed.txt']);
    await commitFiles(root, {}, 'rename');
    await commitFiles(root, { 'docs/y/renamed.txt': null }, 'delete');
    const found = errors((await judge()).findings);
    expect(found.map((f) => f.file)).toEqual(['docs/x/img.dcm']);
    expect(found[0]!.message).toContain(short(added));
  });

  it('in a public repository, catches label fields a deleted scenario version carried', async () => {
    const copy = JSON.parse(await readFile(path.join(root, 'scenarios/scenario_009.json'), 'utf8'));
    copy.id = 'scenario_099';
    const added = await commitFiles(root, { 'scenarios/scenario_099.json': JSON.stringify(copy) }, 'add');
    await commitFiles(root, { 'scenarios/scenario_099.json': null }, 'remove');
    const publicEvent = await writeEvent(tmpdir(), { repository: { private: false } });
    const result = await runGuard({ root, base, head: 'HEAD', eventPath: publicEvent });
    const history = errors(result.findings).filter((f) => f.file === 'scenarios/scenario_099.json');
    expect(history.map((f) => f.rule)).toContain('guard/labels');
    for (const f of history) expect(f.message).toContain(short(added));
    // Private: the head's notices stand for it; no history noise.
    const quiet = (await judge()).findings.filter((f) => f.file === 'scenarios/scenario_099.json');
    expect(quiet).toEqual([]);
  });

  it('catches an image carried as base64 in a commit message', async () => {
    await writeFile(path.join(root, 'docs-note.md'), 'note\n');
    await git(root, ['add', 'docs-note.md']);
    const body = makePng(64, 64, 5).toString('base64').replace(/.{76}/g, '$&\n');
    await git(root, ['commit', '-q', '-m', 'Add a note', '-m', body]);
    const commit = (await git(root, ['rev-parse', 'HEAD'])).trim();
    const found = errors((await judge()).findings);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: '.', rule: 'guard/embedded-data' });
    expect(found[0]!.message).toContain(`commit message of ${short(commit)}`);
  });

  it('reports data still in the head without a history note', async () => {
    await commitFiles(root, { 'docs/keep.dcm': makeDicom() }, 'add');
    const found = errors((await judge()).findings);
    expect(found.map((f) => f.file)).toEqual(['docs/keep.dcm']);
    expect(found[0]!.message).not.toMatch(/history \(rebase/);
  });

  it('ignores an allowlist entry the pull request adds for its own DICOM', async () => {
    await editJson(root, 'manifests/policy.json', (p) => {
      p.allowed_binary_files = [{ path: 'docs/logo.dcm', reason: 'our logo, honest', licence: 'CC0-1.0' }];
    });
    await commitFiles(root, { 'docs/logo.dcm': makeDicom() }, 'allow my own file');
    const found = errors((await judge()).findings);
    expect(found.map((f) => [f.rule, f.file])).toEqual([['guard/data-file', 'docs/logo.dcm']]);
    // Without a base (no trust model), the work tree's allowlist still decides, as before.
    const local = await runGuard({ root, eventPath });
    expect(errors(local.findings)).toEqual([]);
  });

  it('catches new content at an allowlisted path unless the base pins that content', async () => {
    const logo = makePng(16, 16, 1);
    const replacement = makePng(16, 16, 2);
    await git(root, ['checkout', '-q', 'main']);
    await editJson(root, 'manifests/policy.json', (p) => {
      p.allowed_binary_files = [{ path: 'docs/logo.png', reason: 'project logo', licence: 'CC0-1.0' }];
    });
    base = await commitFiles(root, { 'docs/logo.png': logo }, 'base with an allowed logo');
    await git(root, ['checkout', '-q', '-B', 'feature', base]);
    // Unchanged: allowed. Replaced: caught, with why.
    expect(errors((await judge()).findings)).toEqual([]);
    await commitFiles(root, { 'docs/logo.png': replacement }, 'replace the logo');
    const found = errors((await judge()).findings);
    expect(found.map((f) => f.file)).toEqual(['docs/logo.png']);
    expect(found[0]!.message).toMatch(/allowlist entry covers only the content the base branch has/);

    // The same replacement passes when the base pins its sha256.
    await git(root, ['checkout', '-q', 'main']);
    await editJson(root, 'manifests/policy.json', (p) => {
      p.allowed_binary_files[0].sha256 = createHash('sha256').update(replacement).digest('hex');
    });
    base = await commitFiles(root, {}, 'pin the new logo');
    await git(root, ['checkout', '-q', 'feature']);
    expect(errors((await judge()).findings)).toEqual([]);
  });

  it('judges the index beyond HEAD when no head is given (a local run)', async () => {
    await commitFiles(root, { 'docs/a.md': 'a\n' }, 'a');
    await writeFile(path.join(root, 'docs/staged.dcm'), makeDicom());
    await git(root, ['add', 'docs/staged.dcm']);
    const local = errors((await runGuard({ root, base, eventPath })).findings);
    expect(local.map((f) => f.file)).toEqual(['docs/staged.dcm']);
  });

  it('refuses a base that is not in the clone, and reports a pull request cut by a shallow clone', async () => {
    await expect(runGuard({ root, base: 'f'.repeat(40), eventPath })).rejects.toThrow(/not a commit/);
    await commitFiles(root, { 'docs/a.md': 'a\n' }, 'a');
    const head = (await git(root, ['rev-parse', 'HEAD'])).trim();
    // What a shallow clone records: the head's parents are not in the clone.
    const shallowFile = (await git(root, ['rev-parse', '--git-path', 'shallow'])).trim();
    await writeFile(path.resolve(root, shallowFile), `${head}\n`);
    const found = errors((await judge()).findings);
    expect(found.map((f) => f.rule)).toEqual(['guard/history']);
    expect(found[0]!.message).toMatch(/fetch-depth: 0/);
  });
});
