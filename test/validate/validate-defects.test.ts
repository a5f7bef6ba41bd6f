import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyRepositoryContent, editJson } from '../helpers/repository-copy.js';
import { runCliCaptured } from '../helpers/run-cli.js';
import { validateJson } from './helpers/validate-json.js';

interface Annotation {
  kind: string;
  file: string;
  line: number;
  message: string;
}

function parseAnnotations(stdout: string): Annotation[] {
  return stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const m = /^::(error|warning|notice) file=([^,]+),line=(\d+)(?:,col=\d+)?,title=[^:]*::(.*)$/.exec(
        line,
      );
      if (!m) throw new Error(`not an annotation: ${line}`);
      return { kind: m[1]!, file: m[2]!, line: Number(m[3]), message: m[4]! };
    });
}

describe('validate on a copy of the repository', () => {
  let root: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ root, cleanup } = await copyRepositoryContent()));
  afterEach(() => cleanup());

  it('passes the clean copy with exit 0', async () => {
    const result = await runCliCaptured(['validate', '--repo', root, '--format', 'github']);
    expect(parseAnnotations(result.stdout).filter((a) => a.kind === 'error')).toEqual([]);
    expect(result.code).toBe(0);
  });

  it('reports each of the five defects as an error annotation with its file and line', async () => {
    await editJson(root, 'scenarios/scenario_009.json', (s) => delete s.ground_truth);
    await editJson(root, 'scenarios/scenario_008.json', (s) => {
      s.metadata.doi = '10.1234/not-the-dataset';
    });
    await editJson(root, 'scenarios/scenario_001.json', (s) => {
      s.metadata.patient_id = '1.2.840.113619.2.55.3.604688119.969.1234567890.123';
    });
    await editJson(root, 'scenarios/scenario_003.json', () => {});
    const copy = JSON.parse(
      JSON.stringify(
        await import(path.join(root, 'scenarios/scenario_003.json'), { with: { type: 'json' } }).then(
          (m) => m.default,
        ),
      ),
    );
    await writeFile(
      path.join(root, 'scenarios/scenario_003_copy.json'),
      `${JSON.stringify(copy, null, 2)}\n`,
    );
    await editJson(root, 'manifests/datasets/mura.json', (d) => {
      d.citation.acknowledgement = '';
    });

    const result = await runCliCaptured(['validate', '--repo', root, '--format', 'github']);
    expect(result.code).toBe(1);
    const errors = parseAnnotations(result.stdout).filter((a) => a.kind === 'error');
    const expectError = (file: string, pattern: RegExp) => {
      const hit = errors.find((a) => a.file === file && pattern.test(a.message));
      expect(hit, `${file}: ${pattern}\n${result.stdout}`).toBeDefined();
      expect(hit!.line).toBeGreaterThan(0);
      return hit!;
    };
    expectError('scenarios/scenario_009.json', /missing required field "ground_truth"/);
    const doi = expectError(
      'scenarios/scenario_008.json',
      /metadata\.doi .* is not a DOI of dataset thyroid-ultrasound/,
    );
    expect(doi.line).toBeGreaterThan(1);
    const uid = expectError('scenarios/scenario_001.json', /patient_id looks like a DICOM UID/);
    expect(uid.message).not.toContain('1.2.840.113619');
    expectError(
      'scenarios/scenario_003_copy.json',
      /scenario id "scenario_003" is already used by scenarios\/scenario_003\.json/,
    );
    expectError('manifests/datasets/mura.json', /acknowledgement text is empty/);
  });

  it('points at the line of the offending value', async () => {
    await editJson(root, 'scenarios/scenario_008.json', (s) => {
      s.metadata.doi = '10.1234/not-the-dataset';
    });
    const result = await runCliCaptured(['validate', '--repo', root, '--format', 'json']);
    const report = JSON.parse(result.stdout);
    const finding = report.findings.find((f: { rule: string }) => f.rule === 'references/doi');
    const { readFile } = await import('node:fs/promises');
    const lines = (await readFile(path.join(root, 'scenarios/scenario_008.json'), 'utf8')).split('\n');
    expect(lines[finding.line - 1]).toContain('"doi": "10.1234/not-the-dataset"');
  });

  it('treats broken JSON, a byte-order mark and duplicate keys as findings, never a crash', async () => {
    await writeFile(
      path.join(root, 'scenarios/scenario_005.json'),
      '{\n  "id": "scenario_005",\n  "ground_truth": oops\n}\n',
    );
    await writeFile(path.join(root, 'scenarios/scenario_bom.json'), '\ufeff{"id": "scenario_bom"}');
    await writeFile(
      path.join(root, 'scenarios/scenario_dup.json'),
      '{"id": "scenario_dup",\n "id": "scenario_dup"}',
    );
    const { code, findings } = await validateJson(root);
    expect(code).toBe(1);
    const broken = findings.find((f) => f.file === 'scenarios/scenario_005.json')!;
    expect(broken).toMatchObject({ line: 3, column: 19 });
    expect(broken.message).toMatch(/invalid JSON/);
    expect(findings.find((f) => f.file === 'scenarios/scenario_bom.json')?.message).toMatch(
      /byte-order mark/,
    );
    expect(
      findings.find((f) => f.file === 'scenarios/scenario_dup.json' && /duplicate key "id"/.test(f.message)),
    ).toMatchObject({ line: 2 });
  });

  it('fails a commercial policy on the Stanford datasets', async () => {
    await editJson(root, 'manifests/policy.json', (p) => {
      p.intended_use = ['commercial_use'];
    });
    const { code, findings } = await validateJson(root);
    expect(code).toBe(1);
    const prohibited = findings.filter((f) => f.rule === 'terms/intended-use' && f.severity === 'error');
    const files = prohibited.map((f) => f.file).sort();
    expect(files).toEqual([
      'manifests/datasets/chexpert.json',
      'manifests/datasets/echonet-dynamic.json',
      'manifests/datasets/mura.json',
      'manifests/datasets/thyroid-ultrasound.json',
    ]);
  });

  it('fails a stale CITATIONS.md and an unknown synthetic generator', async () => {
    await editJson(root, 'manifests/datasets/chexpert.json', (d) => {
      d.citation.acknowledgement += ' (edited)';
    });
    await editJson(root, 'scenarios/scenario_013.json', (s) => {
      s.synthetic.generator = 'no-such-generator';
    });
    const { code, findings } = await validateJson(root);
    expect(code).toBe(1);
    expect(findings).toContainEqual(
      expect.objectContaining({ file: 'CITATIONS.md', rule: 'citations/stale' }),
    );
    expect(findings).toContainEqual(
      // Generator names are an enum in the schema: the error lists the known ones.
      expect.objectContaining({
        file: 'scenarios/scenario_013.json',
        rule: 'schema',
        message: expect.stringMatching(/\/synthetic\/generator must be one of: .*"ultrasound"/),
      }),
    );
  });

  it('fails warnings only with --strict', async () => {
    const plain = await runCliCaptured(['validate', '--repo', root]);
    const strict = await runCliCaptured(['validate', '--repo', root, '--strict']);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/needs regeneration/);
    expect(strict.code).toBe(1);
  });

  it('exits 2 on usage errors', async () => {
    expect((await runCliCaptured(['validate', '--format', 'xml', '--repo', root])).code).toBe(2);
    expect((await runCliCaptured(['validate', '--repo', path.join(root, 'nope')])).code).toBe(2);
    expect((await runCliCaptured(['validate', '--no-such-flag'])).code).toBe(2);
  });
});
