import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type AnnotationSink, annotate } from '../../actions/lib/action/annotations.js';
import { builtinDatasets } from '../../actions/lib/datasets/builtin-datasets.js';
import type { Finding } from '../../actions/lib/findings/finding.js';
import { findingAt } from '../../actions/lib/validate/rule.js';

/** What the sink received, per call. */
function recordingSink() {
  const calls: { message: string; file: string | undefined; line: number | undefined }[] = [];
  const record = (message: string, p: { file?: string; startLine?: number }) =>
    calls.push({ message, file: p.file, line: p.startLine });
  const sink: AnnotationSink = { error: record, warning: record, notice: record };
  return { sink, calls };
}

describe('findings on a built-in dataset manifest (a repository without manifests/datasets/)', () => {
  it('carry no line and say the manifest is built in and how to override it', () => {
    const loaded = builtinDatasets().find((d) => d.value?.id === 'brain-mets-lung')!;
    const f = findingAt(
      loaded,
      '/terms',
      'terms/intended-use',
      'warning',
      'whether x is allowed is unverified',
    );
    expect(f).toEqual({
      rule: 'terms/intended-use',
      severity: 'warning',
      file: 'manifests/datasets/brain-mets-lung.json',
      message:
        'whether x is allowed is unverified (built-in manifest; manifests/datasets/brain-mets-lung.json of your own overrides it)',
    });
  });

  it('are annotated on the run, not on a path the repository does not hold', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'cm-annot-'));
    await writeFile(path.join(root, 'present.json'), '{}\n');
    const findings: Finding[] = [
      { rule: 'r', severity: 'warning', file: 'manifests/datasets/coca.json', message: 'built in' },
      { rule: 'r', severity: 'error', file: 'present.json', line: 1, column: 1, message: 'here' },
    ];
    const { sink, calls } = recordingSink();
    annotate(findings, 50, sink, 'bench', root);
    expect(calls).toEqual([
      { message: 'here', file: 'bench/present.json', line: 1 },
      { message: 'built in', file: undefined, line: undefined },
    ]);
  });
});
