import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/repository-copy.js';

/**
 * The README's "Use it in your benchmark repository", as written, on a fresh git repository: the
 * packed tarball installed, init, import of a scenarios.json in the benchmark's shape, validate,
 * guard, regenerate on a synthetic data root, verify.
 */
let temp: string;
let bench: string;
let tarball: string;
const version = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')).version as string;
const run = (cwd: string, cmd: string, args: string[]) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const cm = (...args: string[]) => run(bench, 'npx', ['--no-install', 'clinical-manifests', ...args]);

beforeAll(async () => {
  temp = await mkdtemp(path.join(tmpdir(), 'cm-pack-'));
  // `npm test` has built dist/ already; a bare run builds once through prepare.
  const scripts = existsSync(path.join(REPO_ROOT, 'dist/cli.js')) ? ['--ignore-scripts'] : [];
  const packed = JSON.parse(
    run(REPO_ROOT, 'npm', ['pack', '--json', ...scripts, '--pack-destination', temp]),
  );
  tarball = path.join(temp, packed[0].filename);
  bench = path.join(temp, 'bench');
  await mkdir(bench);
  run(bench, 'git', ['init', '--quiet', '--initial-branch=main']);
  await writeFile(path.join(bench, 'package.json'), '{"name":"bench","version":"9.9.9","private":true}\n');
  run(bench, 'npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball]);
}, 120_000);
afterAll(() => rm(temp, { recursive: true, force: true }));

it('ships the CLI, schemas and dataset manifests, and nothing of test/, .ci/ or .github/', () => {
  const files = run(temp, 'tar', ['-tzf', tarball]).split('\n').filter(Boolean);
  expect(files).toContain('package/dist/cli.js');
  expect(files).toContain('package/LICENSE');
  expect(files).toContain('package/manifests/datasets/chexpert.json');
  expect(files).toContain('package/manifests/schema/scenario.schema.json');
  expect(files.filter((f) => /^package\/(test|\.ci|\.github)\//.test(f) || /\.test\.ts$/.test(f))).toEqual(
    [],
  );
});

it('npx clinical-manifests --version prints this package version, not the caller’s', () => {
  expect(cm('--version').trim()).toBe(version);
});

it('runs the adoption path end to end', async () => {
  cm('init', '--visibility', 'private', '--actions-ref', 'a'.repeat(40));
  const exported = JSON.parse(
    run(REPO_ROOT, 'node', [path.join(REPO_ROOT, 'scripts/clinical-manifests.js'), 'scenarios', 'export']),
  ) as object[];
  const dir = path.join(bench, 'benchmarks/clinical_images');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'scenarios.json'), JSON.stringify(exported, null, 2));
  cm('scenarios', 'import', 'benchmarks/clinical_images/scenarios.json');
  cm('synth', '--images');
  cm('citations');
  expect(cm('validate')).toContain('0 errors');
  // The npm lock file is committed, as teams do: its integrity digests are digests, not payloads.
  run(bench, 'git', ['add', '-A']);
  run(bench, 'git', [
    '-c',
    'user.name=t',
    '-c',
    'user.email=t@t',
    'commit',
    '-qm',
    'adopt clinical-manifests',
  ]);
  const guard = spawnSync('npx', ['--no-install', 'clinical-manifests', 'guard'], {
    cwd: bench,
    encoding: 'utf8',
  });
  expect(guard.stdout + guard.stderr).toContain('0 errors');
  const data = path.join(temp, 'data-root');
  cm('synth', '--out', data);
  const outputs = path.join(temp, 'outputs');
  cm('regenerate', '--data-root', data, '--out', outputs);
  expect(existsSync(path.join(bench, 'manifests/locks'))).toBe(true);
  cm('verify', '--data-root', data, '--outputs', outputs);
}, 240_000);

/**
 * Each action as the runner runs `uses: owner/clinical-manifests/actions/<name>@ref`: the repository
 * at the ref unpacked to _actions/owner/clinical-manifests/ref (here: its tracked files, with the
 * bundles this checkout built), outside the workspace; validate and guard by runs.main, regenerate
 * (composite) by its two steps: npm ci into its folder, then the bundle.
 */
it('runs each action from a folder outside the workspace, as a downloaded action', async () => {
  const ref = path.join(temp, '_actions/owner/clinical-manifests/v1');
  await mkdir(ref, { recursive: true });
  execFileSync('sh', ['-c', `git archive HEAD | tar -x -C "${ref}"`], { cwd: REPO_ROOT });
  execFileSync('sh', ['-c', `tar -c actions/*/dist | tar -x -C "${ref}"`], { cwd: REPO_ROOT });
  const action = (name: string, inputs: Record<string, string>) => {
    const files = path.join(temp, `runner-${name}`);
    writeFileSync(`${files}-summary`, '');
    writeFileSync(`${files}-output`, '');
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      GITHUB_WORKSPACE: bench,
      GITHUB_STEP_SUMMARY: `${files}-summary`,
      GITHUB_OUTPUT: `${files}-output`,
    };
    for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
    return spawnSync(process.execPath, [path.join(ref, 'actions', name, 'dist/index.js')], {
      cwd: bench,
      env,
      encoding: 'utf8',
    });
  };
  const validate = action('validate', { 'repo-path': '.', strict: 'false', 'max-annotations': '50' });
  expect(validate.status, validate.stdout + validate.stderr).toBe(0);
  const guard = action('guard', {
    'repo-path': '.',
    format: 'json',
    comment: 'false',
    'max-annotations': '50',
  });
  expect(guard.status, guard.stdout + guard.stderr).toBe(0);
  const regenerateDir = path.join(ref, 'actions/regenerate');
  expect(existsSync(path.join(regenerateDir, 'node_modules'))).toBe(false);
  run(regenerateDir, 'npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline']);
  const regenerate = action('regenerate', {
    mode: 'regenerate',
    'data-root': path.join(temp, 'data-root'),
    'out-dir': path.join(temp, 'outputs-action'),
    commit: 'none',
    publish: 'none',
    force: 'false',
    'fail-on-failed-items': 'true',
    'repo-path': '.',
  });
  expect(regenerate.status, regenerate.stdout + regenerate.stderr).toBe(0);
  expect(regenerate.stdout + regenerate.stderr).not.toContain('ERR_MODULE_NOT_FOUND');
}, 240_000);
