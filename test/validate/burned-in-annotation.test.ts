import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Finding } from '../../actions/lib/findings/finding.js';
import { serializeLock } from '../../actions/lib/locks/lock-format.js';
import type { LockEntry } from '../../actions/lib/schema/lock.js';
import { validateRepository } from '../../actions/lib/validate/validate-repository.js';
import { copyRepositoryContent, editJson } from '../helpers/repository-copy.js';
import { runCliCaptured } from '../helpers/run-cli.js';

const SCENARIO = 'scenarios/scenario_008.json'; // thyroid-ultrasound, modality ultrasound
const OUTPUT = 'real_images/thyroid-ultrasound/scenario_008.png';
const XRAY_SCENARIO = 'scenarios/scenario_009.json'; // chexpert, modality xray
const XRAY_OUTPUT = 'real_images/chexpert/scenario_009.png';
const SOURCE_SHA = 'a'.repeat(64);

function entry(
  output: string,
  sourcePath: string,
  burned: LockEntry['burned_in_annotation'] | undefined,
): LockEntry {
  return {
    output,
    source: { path: sourcePath, sha256: SOURCE_SHA, size: 1234 },
    recipe: { kind: 'dicom' },
    recipe_sha256: 'b'.repeat(64),
    output_sha256: 'c'.repeat(64),
    pixels_sha256: 'd'.repeat(64),
    width: 640,
    height: 480,
    channels: 1,
    ...(burned === undefined ? {} : { burned_in_annotation: burned }),
  };
}

async function writeLock(root: string, dataset: string, entries: LockEntry[]): Promise<void> {
  await mkdir(path.join(root, 'manifests/locks'), { recursive: true });
  const text = serializeLock({
    $schema: '../schema/lock.schema.json',
    format: 1,
    dataset,
    tools: { node: '20' },
    entries,
  });
  await writeFile(path.join(root, `manifests/locks/${dataset}.json`), text);
}

/** 1-based line and column of the scenario's `source.path` key, read from the file as committed. */
async function sourcePathPosition(root: string, file: string): Promise<{ line: number; column: number }> {
  const lines = (await readFile(path.join(root, file), 'utf8')).split('\n');
  const index = lines.findIndex((l) => /^ {4}"path": /.test(l));
  expect(index).toBeGreaterThan(0);
  return { line: index + 1, column: 5 };
}

const burnedIn = (findings: Finding[]) => findings.filter((f) => f.rule.startsWith('phi/burned-in-'));

describe('burned-in annotation rule', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ root, cleanup } = await copyRepositoryContent()));
  afterEach(() => cleanup());

  it('reports nothing on the repository content as committed', async () => {
    const report = await validateRepository(root);
    expect(burnedIn(report.findings)).toEqual([]);
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('fails validate with an error at the scenario source path when its lock entry declares YES', async () => {
    await writeLock(root, 'thyroid-ultrasound', [entry(OUTPUT, 'dataset.hdf5', 'YES')]);
    const at = await sourcePathPosition(root, SCENARIO);

    const report = await validateRepository(root);
    const findings = burnedIn(report.findings);
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'phi/burned-in-annotation',
        severity: 'error',
        file: SCENARIO,
        line: at.line,
        column: at.column,
      }),
    ]);
    const message = findings[0]!.message;
    expect(message).toContain('Burned In Annotation (0028,0301) YES');
    expect(message).toContain('may show patient identifiers');
    expect(message).toContain('pick another source');
    expect(message).toContain('manifests/policy.json reviewed_burned_in_annotation');
    expect(JSON.stringify(findings)).not.toContain(SOURCE_SHA);

    const text = await runCliCaptured(['validate', '--repo', root]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(`${SCENARIO}:${at.line}:${at.column}  error`);

    const github = await runCliCaptured(['validate', '--repo', root, '--format', 'github']);
    expect(github.code).toBe(1);
    const annotation = github.stdout
      .split('\n')
      .find((l) => l.startsWith(`::error file=${SCENARIO},line=${at.line},`));
    expect(annotation).toBeDefined();
    expect(annotation).toContain('(0028,0301) YES');
  });

  it('reports a notice, not an error, once the policy lists the output as reviewed', async () => {
    await writeLock(root, 'thyroid-ultrasound', [entry(OUTPUT, 'dataset.hdf5', 'YES')]);
    await editJson(root, 'manifests/policy.json', (p) => {
      p.reviewed_burned_in_annotation = [
        { output: OUTPUT, reason: 'pixels checked: only a depth scale, no text' },
      ];
    });

    const report = await validateRepository(root);
    expect(burnedIn(report.findings)).toEqual([
      expect.objectContaining({ rule: 'phi/burned-in-annotation', severity: 'notice', file: SCENARIO }),
    ]);
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);

    const github = await runCliCaptured(['validate', '--repo', root, '--format', 'github']);
    expect(github.code).toBe(0);
    expect(github.stdout).toMatch(new RegExp(`^::notice file=${SCENARIO},line=\\d+,.*reviewed`, 'm'));
  });

  it.each([
    ['NO', SCENARIO, OUTPUT],
    ['undeclared', XRAY_SCENARIO, XRAY_OUTPUT],
    [undefined, SCENARIO, OUTPUT],
  ] as const)('reports nothing for %s (%s)', async (burned, scenarioFile, output) => {
    const dataset = scenarioFile === SCENARIO ? 'thyroid-ultrasound' : 'chexpert';
    const scenario = JSON.parse(await readFile(path.join(root, scenarioFile), 'utf8'));
    await writeLock(root, dataset, [entry(output, scenario.source.path, burned)]);
    const report = await validateRepository(root);
    expect(burnedIn(report.findings)).toEqual([]);
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('ignores a YES entry that is not this scenario’s source (another source path or another output)', async () => {
    await writeLock(root, 'thyroid-ultrasound', [
      entry(OUTPUT, 'other.hdf5', 'YES'),
      entry('real_images/thyroid-ultrasound/bulk/0001.png', 'dataset.hdf5', 'YES'),
    ]);
    expect(burnedIn((await validateRepository(root)).findings)).toEqual([]);
  });

  it('warns on undeclared for an ultrasound scenario, and notes it once reviewed', async () => {
    await writeLock(root, 'thyroid-ultrasound', [entry(OUTPUT, 'dataset.hdf5', 'undeclared')]);
    const at = await sourcePathPosition(root, SCENARIO);
    let findings = burnedIn((await validateRepository(root)).findings);
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'phi/burned-in-undeclared',
        severity: 'warning',
        file: SCENARIO,
        line: at.line,
      }),
    ]);
    expect(findings[0]!.message).toContain('ultrasound without Burned In Annotation (0028,0301)');
    expect((await runCliCaptured(['validate', '--repo', root])).code).toBe(0);
    expect((await runCliCaptured(['validate', '--repo', root, '--strict'])).code).toBe(1);

    await editJson(root, 'manifests/policy.json', (p) => {
      p.reviewed_burned_in_annotation = [{ output: OUTPUT, reason: 'pixels checked' }];
    });
    findings = burnedIn((await validateRepository(root)).findings);
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([['phi/burned-in-undeclared', 'notice']]);
  });

  it('warns about a reviewed entry that names no scenario output, at its line in the policy', async () => {
    await editJson(root, 'manifests/policy.json', (p) => {
      p.reviewed_burned_in_annotation = [{ output: 'real_images/nowhere.png', reason: 'typo' }];
    });
    const findings = burnedIn((await validateRepository(root)).findings);
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'phi/burned-in-reviewed',
        severity: 'warning',
        file: 'manifests/policy.json',
        line: expect.any(Number),
      }),
    ]);
    expect(findings[0]!.message).toContain('real_images/nowhere.png');
  });

  it('rejects a reviewed entry without a reason (schema)', async () => {
    await editJson(root, 'manifests/policy.json', (p) => {
      p.reviewed_burned_in_annotation = [{ output: OUTPUT }];
    });
    const report = await validateRepository(root);
    expect(report.findings).toContainEqual(
      expect.objectContaining({ rule: 'schema', severity: 'error', file: 'manifests/policy.json' }),
    );
  });
});
