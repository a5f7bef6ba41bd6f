import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diffJson } from '../../actions/lib/review/json-diff.js';
import { REVIEW_MARKER, renderReviewMarkdown } from '../../actions/lib/review/render-review.js';
import type { ReviewReport } from '../../actions/lib/review/review-report.js';
import { runReview } from '../../actions/lib/review/run-review.js';
import { committedCopy, git } from '../guard/helpers/git-repository.js';
import { editJson } from '../helpers/repository-copy.js';
import { runCliCaptured } from '../helpers/run-cli.js';

describe('diffJson', () => {
  it('names changed, added and removed fields by JSON pointer, without values', () => {
    const before = {
      id: 'a',
      ground_truth: 'x',
      metadata: { view: 'PA', 'a/b': 1 },
      list: [1, 2],
      gone: true,
    };
    const after = {
      id: 'a',
      ground_truth: 'y',
      metadata: { view: 'PA', 'a/b': 2, extra: 'z' },
      list: [1, 2, 3],
    };
    expect(diffJson(before, after)).toEqual([
      { pointer: '/gone', kind: 'removed' },
      { pointer: '/ground_truth', kind: 'changed' },
      { pointer: '/list', kind: 'changed' },
      { pointer: '/metadata/a~1b', kind: 'changed' },
      { pointer: '/metadata/extra', kind: 'added' },
    ]);
  });
});

describe('review against a git revision', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ root, cleanup } = await committedCopy()));
  afterEach(() => cleanup());

  async function change(): Promise<void> {
    await editJson(root, 'scenarios/scenario_009.json', (s) => {
      s.ground_truth = 'No finding (CheXpert label: No Finding)';
    });
    await editJson(root, 'scenarios/scenario_001.json', (s) => {
      s.source.recipe = { kind: 'image', max_side: 512 };
    });
    const added = JSON.parse(await readFile(path.join(root, 'scenarios/scenario_013.json'), 'utf8'));
    added.id = 'scenario_021';
    added.source = {
      dataset: 'coca',
      path: 'Gated_release_final/patient/1/1/1.dcm',
      recipe: { kind: 'dicom', frame: 0 },
      labels: {},
    };
    await writeFile(path.join(root, 'scenarios/scenario_021.json'), `${JSON.stringify(added, null, 2)}\n`);
    await rm(path.join(root, 'scenarios/scenario_018.json'));
    await editJson(root, 'manifests/datasets/mura.json', (d) => {
      d.licence.terms.labels_redistribution = 'allowed';
    });
  }

  it('names the scenario whose ground truth changed, the one added and the one removed', async () => {
    await change();
    const report: ReviewReport = await runReview(root, 'main');
    expect(report.scenarios.changed.map((c) => [c.id, c.fields.map((f) => f.pointer)])).toEqual([
      ['scenario_001', ['/source/recipe/max_side']],
      ['scenario_009', ['/ground_truth']],
    ]);
    expect(report.scenarios.added).toEqual([
      { id: 'scenario_021', file: 'scenarios/scenario_021.json', dataset: 'coca' },
    ]);
    expect(report.scenarios.removed).toEqual([{ id: 'scenario_018', file: 'scenarios/scenario_018.json' }]);
    expect(report.regeneration.map((r) => r.scenario)).toEqual(['scenario_001', 'scenario_021']);
    expect(report.regeneration[0]!.reason).toMatch(/recipe changed/);
    expect(report.datasetsNewlyUsed).toMatchObject([{ id: 'coca', acknowledgement: 'present' }]);
    expect(report.datasets).toEqual([
      {
        id: 'mura',
        file: 'manifests/datasets/mura.json',
        change: 'changed',
        fields: [{ pointer: '/licence/terms/labels_redistribution', kind: 'changed' }],
        termsChanged: true,
      },
    ]);

    const markdown = renderReviewMarkdown(report);
    expect(markdown.startsWith(REVIEW_MARKER)).toBe(true);
    for (const id of ['scenario_009', 'scenario_021', 'scenario_018', 'scenario_001', 'coca', 'mura'])
      expect(markdown).toContain(id);
    expect(markdown).toMatch(
      /\| changed \| scenario_009 \| scenarios\/scenario_009\.json \| chexpert \| `\/ground_truth` \|/,
    );
    expect(markdown).toMatch(/\| added \| scenario_021 \|/);
    expect(markdown).toMatch(/\| removed \| scenario_018 \|/);
    // Pointers only: the new ground truth is not repeated in the report.
    expect(markdown).not.toContain('No finding');
    expect(JSON.stringify(report)).not.toContain('No finding');
  });

  it('is available from the CLI as Markdown and JSON', async () => {
    await change();
    const md = await runCliCaptured(['review', '--base', 'main', '--repo', root]);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('### Regeneration needed');
    const json = await runCliCaptured(['review', '--base', 'main', '--repo', root, '--format', 'json']);
    expect(JSON.parse(json.stdout).scenarios.removed[0].id).toBe('scenario_018');
    const missing = await runCliCaptured(['review', '--repo', root]);
    expect(missing.code).toBe(2);
    const bad = await runCliCaptured(['review', '--base', 'no-such-branch', '--repo', root]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/not a commit/);
  });

  it('says so when nothing changed, and lists files it cannot parse', async () => {
    expect(renderReviewMarkdown(await runReview(root, 'main'))).toContain('No changes to scenarios');
    await writeFile(path.join(root, 'scenarios/scenario_005.json'), '{ broken');
    const report = await runReview(root, 'main');
    expect(report.unreadable).toEqual([
      { file: 'scenarios/scenario_005.json', side: 'head', reason: 'invalid JSON' },
    ]);
  });

  it('counts lock entries added, removed and changed, by output path', async () => {
    const entry = (output: string, hash: string) => ({
      output,
      source: { path: `src/${output}`, sha256: hash, size: 1 },
    });
    const lock = (entries: object[], tools = { node: '20' }) =>
      `${JSON.stringify({ format: 1, dataset: 'mura', tools, entries })}\n`;
    await mkdir(path.join(root, 'manifests/locks/mura'), { recursive: true });
    await writeFile(
      path.join(root, 'manifests/locks/mura/00.json'),
      lock([entry('a.png', '1'), entry('b.png', '2'), entry('c.png', '3')]),
    );
    await git(root, ['add', 'manifests/locks']);
    await git(root, ['commit', '-q', '-m', 'lock']);
    await writeFile(
      path.join(root, 'manifests/locks/mura/00.json'),
      lock([entry('a.png', '1'), entry('b.png', '9'), entry('d.png', '4')], { node: '24' }),
    );
    const report = await runReview(root, 'HEAD');
    expect(report.locks).toEqual([
      {
        file: 'manifests/locks/mura/00.json',
        dataset: 'mura',
        change: 'changed',
        entriesAdded: 1,
        entriesRemoved: 1,
        entriesChanged: 1,
        toolsChanged: true,
      },
    ]);
    expect(renderReviewMarkdown(report)).toContain(
      '| manifests/locks/mura/00.json | mura | changed | 1 | 1 | 1 | yes |',
    );
  });
});
