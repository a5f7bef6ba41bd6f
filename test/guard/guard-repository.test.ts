import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderGuardMarkdown } from '../../actions/lib/guard/guard-summary.js';
import { runGuard } from '../../actions/lib/guard/run-guard.js';
import { editJson } from '../helpers/repository-copy.js';
import { runCliCaptured } from '../helpers/run-cli.js';
import { makeDicom, makeJpeg, makePng, makeZip } from './helpers/fixtures.js';
import { committedCopy, git, writeEvent } from './helpers/git-repository.js';

let root: string;
let cleanup: () => Promise<void>;
let privateEvent: string;
beforeEach(async () => {
  ({ root, cleanup } = await committedCopy());
  privateEvent = await writeEvent(tmpdir(), { repository: { private: true, default_branch: 'main' } });
});
afterEach(() => cleanup());

async function put(file: string, content: Buffer | string): Promise<void> {
  await mkdir(path.dirname(path.join(root, file)), { recursive: true });
  await writeFile(path.join(root, file), content);
}

const errorAnnotations = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('::error '));

describe('guard on a real git repository', () => {
  it('passes the clean copy, synthetic images reproduced byte for byte', async () => {
    const run = await runCliCaptured(['guard', '--repo', root, '--format', 'json'], {
      env: { GITHUB_EVENT_PATH: privateEvent },
    });
    const report = JSON.parse(run.stdout);
    expect(report.findings.filter((f: { severity: string }) => f.severity !== 'notice')).toEqual([]);
    expect(run.code).toBe(0);
    expect(report.visibility).toEqual({ visibility: 'private', source: 'event' });
    expect(report.scannedFiles).toBeGreaterThan(20);
  });

  it('fails a copy with smuggled data and names each file in an error annotation', async () => {
    await put('docs/notes.txt', makeDicom());
    await put(
      'docs/bundle.zip',
      makeZip([
        { name: 'figures/readme.txt', data: Buffer.from('hi') },
        { name: 'figures/chest.jpg', data: makeJpeg() },
      ]),
    );
    await put('scenarios/synthetic_images/extra.png', makePng());
    await put('scenarios/synthetic_images/scenario_005.png', makePng(8, 8, 3));
    await put(
      'assets/scan.dcm',
      `version https://git-lfs.github.com/spec/v1\noid sha256:${'ab'.repeat(32)}\nsize 52428800\n`,
    );
    await editJson(root, 'scenarios/scenario_013.json', (s) => {
      s.metadata.thumbnail = makePng(64, 64, 5).toString('base64');
    });
    await git(root, ['add', '-A']);
    await git(root, ['commit', '-q', '-m', 'smuggle']);

    const run = await runCliCaptured(['guard', '--repo', root, '--format', 'github'], {
      env: { GITHUB_EVENT_PATH: privateEvent },
    });
    expect(run.code).toBe(1);
    const errors = errorAnnotations(run.stdout);
    const named = (file: string, rule: string) =>
      errors.filter((l) => l.includes(`file=${file},`) && l.includes(`title=${rule}`));
    expect(named('docs/notes.txt', 'guard/data-file')[0]).toMatch(/tracked dicom data/);
    // Kinds only: a member's name can carry a patient's name.
    expect(named('docs/bundle.zip', 'guard/archive')[0]).toMatch(/jpeg/);
    expect(named('docs/bundle.zip', 'guard/archive')[0]).not.toMatch(/chest/);
    expect(named('scenarios/synthetic_images/extra.png', 'guard/data-file')).toHaveLength(1);
    expect(named('scenarios/synthetic_images/scenario_005.png', 'guard/synthetic-image')[0]).toMatch(
      /differs from what generator/,
    );
    expect(named('assets/scan.dcm', 'guard/lfs')).toHaveLength(1);
    expect(named('scenarios/scenario_013.json', 'guard/embedded-data')[0]).toMatch(
      /line=\d+,col=\d+.*base64.*png/,
    );
    expect(errors).toHaveLength(6);
    // No content in any message: not the DICOM's patient name, not a byte of the blob.
    expect(run.stdout).not.toMatch(/Test\^Patient|iVBORw0KGgo/);
  });

  it('requires output and data directories to be ignored and empty of tracked files', async () => {
    await put('outputs/mura/scenario_001.png', 'not really a png');
    await git(root, ['add', '-f', 'outputs/mura/scenario_001.png']);
    await writeFile(
      path.join(root, '.gitignore'),
      (await readFile(path.join(root, '.gitignore'), 'utf8')).replace('/data/\n', ''),
    );
    const result = await runGuard({ root, eventPath: privateEvent });
    const errors = result.findings.filter((f) => f.rule === 'guard/ignored-dirs');
    expect(errors.map((f) => [f.file, f.line !== undefined])).toEqual([
      ['manifests/policy.json', true],
      ['outputs/mura/scenario_001.png', false],
    ]);
    expect(errors[0]!.message).toMatch(/data directory "data\/" is not ignored/);
  });

  it('makes label-bearing fields of prohibited datasets errors when public, notices when private', async () => {
    const publicEvent = await writeEvent(tmpdir(), { repository: { private: false } });
    const pub = await runGuard({ root, eventPath: publicEvent });
    const labels = pub.findings.filter((f) => f.rule === 'guard/labels' && f.severity === 'error');
    expect(labels.map((f) => f.file)).toContain('scenarios/scenario_009.json');
    expect(
      labels.find((f) => f.file === 'scenarios/scenario_009.json' && f.message.includes('/ground_truth'))
        ?.line,
    ).toBeGreaterThan(1);
    const priv = await runGuard({ root, eventPath: privateEvent });
    // Private: no finding; the summary says once what keeps the repository private.
    expect(priv.findings.filter((f) => f.rule === 'guard/labels')).toEqual([]);
    expect(priv.labelBearing).toContain('scenarios/scenario_009.json');
    expect(renderGuardMarkdown(priv)).toMatch(/\d+ scenarios carry labels .* must stay private/);
    expect(renderGuardMarkdown(pub)).not.toMatch(/must stay private/);
    // Without an event, the policy's assumption decides.
    const fromPolicy = await runGuard({ root });
    expect(fromPolicy.visibility.source).toBe('policy');
  });

  it('allows a listed binary file and warns about a stale allowlist entry', async () => {
    await put('docs/logo.png', makePng());
    await git(root, ['add', 'docs/logo.png']);
    await editJson(root, 'manifests/policy.json', (p) => {
      p.allowed_binary_files = [
        { path: 'docs/logo.png', reason: 'project logo, drawn by us', licence: 'CC0-1.0' },
        { path: 'docs/gone.png', reason: 'removed', licence: 'CC0-1.0' },
      ];
    });
    const result = await runGuard({ root, eventPath: privateEvent });
    expect(result.findings.filter((f) => f.file === 'docs/logo.png')).toEqual([]);
    expect(result.findings.filter((f) => f.rule === 'guard/allowlist').map((f) => f.message)).toEqual([
      'allowed binary file "docs/gone.png" is not tracked; remove the entry',
    ]);
  });

  it('without a base, a pinned allowlist entry covers only the content it pins', async () => {
    const logo = makePng();
    await put('docs/logo.png', logo);
    await git(root, ['add', 'docs/logo.png']);
    const pin = (sha256: string) =>
      editJson(root, 'manifests/policy.json', (p) => {
        p.allowed_binary_files = [{ path: 'docs/logo.png', reason: 'logo', licence: 'CC0-1.0', sha256 }];
      });
    await pin('0'.repeat(64));
    const wrong = await runGuard({ root, eventPath: privateEvent });
    expect(wrong.findings.filter((f) => f.severity === 'error').map((f) => f.file)).toEqual([
      'docs/logo.png',
    ]);
    await pin(createHash('sha256').update(logo).digest('hex'));
    const right = await runGuard({ root, eventPath: privateEvent });
    expect(right.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('with --base reads only what the base does not hold (here the index beyond HEAD)', async () => {
    await git(root, ['checkout', '-q', '-b', 'feature']);
    await put('docs/notes.txt', makeDicom());
    await git(root, ['add', 'docs/notes.txt']);
    const result = await runGuard({ root, base: 'main', eventPath: privateEvent });
    expect(result.scannedFiles).toBe(1);
    expect(result.findings.filter((f) => f.severity === 'error').map((f) => f.file)).toEqual([
      'docs/notes.txt',
    ]);
  });

  it('names each unsafe workflow in an error annotation and passes the scheduled default-branch one', async () => {
    const job = (runsOn: string, extra = '') =>
      `jobs:\n  build:\n${extra}    runs-on: ${runsOn}\n    steps:\n      - run: make\n`;
    const head = 'permissions:\n  contents: read\n';
    await put('.github/workflows/by-label.yml', `on: pull_request\n${head}${job('[self-hosted, linux]')}`);
    await put(
      '.github/workflows/by-group.yml',
      `on: pull_request\n${head}${job('\n      group: data-runners')}`,
    );
    await put(
      '.github/workflows/by-matrix.yml',
      `on: pull_request\n${head}${job('${{ matrix.runner }}', '    strategy:\n      matrix:\n        runner: [ubuntu-latest]\n        include:\n          - runner: self-hosted\n')}`,
    );
    await put(
      '.github/workflows/target.yml',
      `on: pull_request_target\n${head}jobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: \${{ github.event.pull_request.head.ref }}\n      - run: npm test\n`,
    );
    await put(
      '.github/workflows/nightly.yml',
      `on:\n  schedule:\n    - cron: '0 3 * * *'\n${head}concurrency: nightly\njobs:\n  regenerate:\n    if: github.ref == 'refs/heads/main'\n    runs-on: [self-hosted, data]\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          persist-credentials: false\n      - run: make regenerate\n`,
    );
    await git(root, ['add', '.github']);
    const run = await runCliCaptured(['guard', '--repo', root, '--format', 'github'], {
      env: { GITHUB_EVENT_PATH: privateEvent },
    });
    expect(run.code).toBe(1);
    const errors = errorAnnotations(run.stdout);
    const files = errors.map((l) => /file=([^,]+),/.exec(l)![1]);
    expect(new Set(files)).toEqual(
      new Set([
        '.github/workflows/by-label.yml',
        '.github/workflows/by-group.yml',
        '.github/workflows/by-matrix.yml',
        '.github/workflows/target.yml',
      ]),
    );
    expect(errors.filter((l) => l.includes('target.yml')).map((l) => /title=([^:]+)::/.exec(l)![1])).toEqual([
      'workflow/pull-request-target',
      'workflow/untrusted-checkout',
    ]);
    expect(run.stdout).not.toContain('nightly.yml');
  });
});
