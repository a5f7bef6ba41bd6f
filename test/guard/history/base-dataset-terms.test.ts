import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Finding } from '../../../actions/lib/findings/finding.js';
import { runGuard } from '../../../actions/lib/guard/run-guard.js';
import { commitFiles, pullRequestCopy, writeEvent } from '../helpers/git-repository.js';

/**
 * A determined contributor's two-step in one pull request: loosen a dataset's label terms in
 * manifests/datasets/<id>.json, and add the labels those terms forbid. The guard judges the labels by
 * the stricter of the base's and the head's terms, and says which manifest tried to loosen them.
 */
let root: string;
let base: string;
let cleanup: () => Promise<void>;
let publicEvent: string;
beforeEach(async () => {
  ({ root, base, cleanup } = await pullRequestCopy());
  publicEvent = await writeEvent(tmpdir(), { repository: { private: false, default_branch: 'main' } });
});
afterEach(() => cleanup());

const MANIFEST = 'manifests/datasets/chexpert.json';
const labelErrors = (findings: readonly Finding[]) =>
  findings.filter(
    (f) => f.rule === 'guard/labels' && f.severity === 'error' && f.message.includes('"chexpert"'),
  );

async function withLabelTerms(answer: string): Promise<string> {
  const manifest = JSON.parse(await readFile(path.join(root, MANIFEST), 'utf8'));
  manifest.licence.terms.labels_redistribution = answer;
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

describe('dataset terms in a pull request', () => {
  it('cannot be loosened to let the same pull request publish labels', async () => {
    // The base forbids CheXpert's labels; its scenarios carry labels: an error in a public repository.
    const before = await runGuard({ root, base, head: 'HEAD', eventPath: publicEvent });
    const forbidden = labelErrors(before.findings).length;
    expect(forbidden).toBeGreaterThan(0);

    await commitFiles(root, { [MANIFEST]: await withLabelTerms('allowed') }, 'labels are fine, trust me');
    const after = await runGuard({ root, base, head: 'HEAD', eventPath: publicEvent });
    expect(labelErrors(after.findings)).toHaveLength(forbidden);
    const loosened = after.findings.filter((f) => f.rule === 'guard/terms-loosened');
    expect(loosened).toHaveLength(1);
    expect(loosened[0]).toMatchObject({ severity: 'warning', file: MANIFEST });
    expect(loosened[0]!.line).toBeGreaterThan(1);
    expect(loosened[0]!.message).toContain('"prohibited" at the base to "allowed"');
  });

  it('cannot be loosened by deleting the override either: the built-in terms stand', async () => {
    await commitFiles(root, { [MANIFEST]: null }, 'no manifest, no rule');
    const after = await runGuard({ root, base, head: 'HEAD', eventPath: publicEvent });
    expect(labelErrors(after.findings).length).toBeGreaterThan(0);
  });

  it('takes effect once merged: the next pull request is judged by the new base', async () => {
    const merged = await commitFiles(
      root,
      { [MANIFEST]: await withLabelTerms('allowed') },
      'reviewed change',
    );
    const next = await runGuard({ root, base: merged, head: 'HEAD', eventPath: publicEvent });
    expect(labelErrors(next.findings)).toEqual([]);
    expect(next.findings.filter((f) => f.rule === 'guard/terms-loosened')).toEqual([]);
    // Tightening needs no review to count: the head's stricter terms apply at once.
    await commitFiles(root, { [MANIFEST]: await withLabelTerms('prohibited') }, 'tighten');
    const tightened = await runGuard({ root, base: merged, head: 'HEAD', eventPath: publicEvent });
    expect(labelErrors(tightened.findings).length).toBeGreaterThan(0);
    expect(tightened.findings.filter((f) => f.rule === 'guard/terms-loosened')).toEqual([]);
  });
});
