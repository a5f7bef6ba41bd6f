// End to end on the repository's own scenarios and a synthetic data root (`synth --out`), plus DICOM
// sources whose headers carry PHI-looking values: regenerate, verify, commit and the action, and not
// one header value in anything they write or print.

import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeDicom } from '../../actions/lib/synth/dicom/write-dicom.js';
import { imageElements, PHI } from '../dicom/synthetic-dicom.js';
import { REPO_ROOT } from '../helpers/repository-copy.js';
import { runAction } from '../helpers/run-action.js';
import { runCliCaptured } from '../helpers/run-cli.js';
import { git } from './workspace.js';

let root: string;
let repo: string;
let data: string;
let out: string;
let env: NodeJS.ProcessEnv;
const printed: string[] = [];

function allLockText(): string {
  const dir = path.join(repo, 'manifests/locks');
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((n) => n.endsWith('.json'))
    .map((n) => readFileSync(path.join(dir, n), 'utf8'))
    .join('\n');
}

function expectNoPhi(text: string, where: string): void {
  for (const value of [...Object.values(PHI), 'Jane', 'Example Hospital']) {
    expect(text.includes(value), `${where} contains "${value}"`).toBe(false);
  }
}

async function cli(...argv: string[]) {
  const result = await runCliCaptured(argv, { cwd: root, env });
  printed.push(result.stdout, result.stderr);
  return result;
}

/** `regenerate` on the synthetic data root into the scratch repository and outputs. */
function regenerateCli(...extra: string[]) {
  return cli('regenerate', '--data-root', data, '--repo', repo, '--out', out, ...extra);
}

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'cm-e2e-'));
  repo = path.join(root, 'repo');
  data = path.join(root, 'data');
  out = path.join(root, 'outputs');
  env = { ...process.env, CLINICAL_MANIFESTS_CACHE_DIR: path.join(root, 'cache') };
  mkdirSync(repo);
  for (const dir of ['manifests', 'scenarios'])
    cpSync(path.join(REPO_ROOT, dir), path.join(repo, dir), { recursive: true });
  rmSync(path.join(repo, 'manifests/locks'), { recursive: true, force: true });
  mkdirSync(path.join(repo, 'manifests/selections'), { recursive: true });
  // A bulk selection over DICOM files whose headers hold a patient's name, id and institution.
  writeFileSync(
    path.join(repo, 'manifests/selections/phi-probe.json'),
    JSON.stringify({
      id: 'phi-probe',
      dataset: 'phi-probe',
      include: ['ct/**/*.dcm'],
      recipe: { kind: 'dicom', preset: 'abdomen' },
      output_dir: 'bulk/phi-probe',
    }),
  );
  git(root, 'init', '-q', '--bare', '-b', 'main', path.join(root, 'origin.git'));
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'config', 'user.name', 'Test');
  git(repo, 'config', 'user.email', 'test@example.invalid');
  git(repo, 'remote', 'add', 'origin', path.join(root, 'origin.git'));
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'content');
  git(repo, 'push', '-q', 'origin', 'main');
  const synth = await runCliCaptured(['synth', '--out', data, '--repo', repo], { cwd: root });
  expect(synth.code, synth.stderr).toBe(0);
  const pixels = new Int16Array(32 * 32).map((_, i) => (i % 32) * 40 - 600);
  for (const [i, name] of ['a.dcm', 'b.dcm'].entries()) {
    const file = path.join(data, 'phi-probe/ct/s1', name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(
      file,
      encodeDicom({
        elements: [
          ...imageElements({ rows: 32, columns: 32, signed: true }),
          { keyword: 'RescaleSlope', value: 1 },
          { keyword: 'RescaleIntercept', value: i },
        ],
        pixelData: pixels,
      }),
    );
  }
  // One with PHI in its header and pixel data cut short: it must fail without quoting the header.
  const broken = encodeDicom({
    elements: imageElements({ rows: 512, columns: 512 }),
    pixelData: new Uint16Array(16),
  });
  writeFileSync(path.join(data, 'phi-probe/ct/s1', 'broken.dcm'), broken);
}, 120_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('regenerate end to end (synthetic data root, real renderers)', () => {
  it('regenerates every scenario and selection, commits only locks, verifies clean, and prints no header value', async () => {
    writeFileSync(
      path.join(repo, 'stray.png'),
      readFileSync(
        path.join(
          REPO_ROOT,
          'scenarios/synthetic_images',
          readdirSync(path.join(REPO_ROOT, 'scenarios/synthetic_images'))[0]!,
        ),
      ),
    );
    const first = await regenerateCli('--commit', 'local', '--jobs', '2');
    expect(first.code, first.stdout + first.stderr).toBe(1); // the broken DICOM fails, the rest land
    expect(first.stdout).not.toContain(data);
    expect(first.stdout).toMatch(
      /bulk\/phi-probe\/ct\/s1\/broken\.dcm\.png {2}\(source ct\/s1\/broken\.dcm\)/,
    );
    const committed = git(repo, 'show', '--name-only', '--format=', 'HEAD').trim().split('\n');
    expect(committed.length).toBeGreaterThanOrEqual(6);
    expect(committed.every((f) => /^manifests\/locks\/[^/]+\.json$/.test(f))).toBe(true);
    expect(committed).toContain('manifests/locks/phi-probe.json');
    const locks = allLockText();
    expect(locks).toContain('bulk/phi-probe/ct/s1/a.dcm.png');
    expect(locks).not.toContain('broken.dcm.png');
    expectNoPhi(locks, 'a lock');
    expectNoPhi(git(repo, 'log', '--format=%B'), 'a commit message');

    const second = await regenerateCli('--format', 'json');
    const report = JSON.parse(second.stdout) as { rendered: number; hashed: number; failures: unknown[] };
    expect(report.rendered).toBe(0); // only the broken one is tried again, and fails again
    expect(report.failures).toHaveLength(1);

    const clean = await cli('verify', '--data-root', data, '--repo', repo, '--outputs', out);
    expect(clean.stdout).toMatch(/unlocked/); // the broken source has no entry
    expect(
      clean.stdout
        .split('\n')
        .filter((l) => l.includes(':') && !l.includes('unlocked') && !l.includes('drifted')),
    ).toEqual([]);

    rmSync(path.join(data, 'phi-probe/ct/s1/broken.dcm'));
    const echoLock = JSON.parse(
      readFileSync(path.join(repo, 'manifests/locks/echonet-dynamic.json'), 'utf8'),
    );
    const echo = path.basename(echoLock.entries[0].source.path as string);
    const video = path.join(data, 'echonet-dynamic/EchoNet-Dynamic/Videos', echo);
    const bytes = readFileSync(video);
    bytes[bytes.length - 1]! ^= 0xff;
    writeFileSync(video, bytes);
    const drift = await cli('verify', '--data-root', data, '--repo', repo);
    expect(drift.code).toBe(1);
    expect(drift.stdout).toContain(`source EchoNet-Dynamic/Videos/${echo}`);
    expect(drift.stdout.trim().split('\n').at(-1)).toMatch(/^1 drifted/);
    for (const text of printed) expectNoPhi(text, 'stdout or stderr');
  }, 180_000);

  it('runs as the action: regenerates, commits, opens one pull request, and the summary has counts and no header value', async () => {
    const requests: string[] = [];
    const server: Server = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      res.setHeader('content-type', 'application/json');
      if (req.method === 'GET') res.end('[]');
      else {
        res.statusCode = 201;
        res.end(JSON.stringify({ number: 3, html_url: 'https://github.example/acme/bench/pull/3' }));
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const run = await runAction(
        'regenerate',
        repo,
        {
          'data-root': data,
          'out-dir': out,
          commit: 'local',
          publish: 'pull-request',
          token: 'ghs_actiontesttoken',
          'base-branch': 'main',
          jobs: '2',
        },
        {
          CLINICAL_MANIFESTS_CACHE_DIR: path.join(root, 'cache'),
          GITHUB_API_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
          GITHUB_SERVER_URL: 'https://github.example',
          GITHUB_REPOSITORY: 'acme/bench',
        },
      );
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(run.summary).toContain('| echonet-dynamic | 0 | 1 | 0 | 0 | 0 |');
      expect(run.summary).toContain('| phi-probe | 0 | 0 | 0 | 2 | 0 |');
      expect(run.outputs['pull-request']).toBe('3');
      expect(requests).toEqual([
        'GET /repos/acme/bench/pulls?state=open&head=acme%3Aclinical-manifests%2Fregenerate-locks&base=main',
        'POST /repos/acme/bench/pulls',
      ]);
      expect(
        git(
          path.join(root, 'origin.git'),
          'rev-parse',
          'refs/heads/clinical-manifests/regenerate-locks',
        ).trim(),
      ).toBe(run.outputs.commit);
      expect(git(repo, 'show', '--name-only', '--format=', 'HEAD').trim()).toBe(
        'manifests/locks/echonet-dynamic.json',
      );
      for (const text of [run.stdout, run.stderr, run.summary, git(repo, 'log', '--format=%B')])
        expectNoPhi(text, 'the action');
      // The token appears once, in the runner's own ::add-mask:: command that masks it everywhere else.
      expect(run.stdout).toContain('::add-mask::ghs_actiontesttoken');
      expect((run.stdout + run.stderr).replace('::add-mask::ghs_actiontesttoken', '')).not.toContain(
        'ghs_actiontesttoken',
      );
      expect(readFileSync(path.join(repo, '.git/config'), 'utf8')).not.toContain('extraheader');
    } finally {
      server.close();
    }
  }, 180_000);
});
