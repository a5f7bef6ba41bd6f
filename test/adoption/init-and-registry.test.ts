import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/repository-copy.js';
import { runCliCaptured } from '../helpers/run-cli.js';

const IDS = [
  'brain-mets-lung',
  'chexpert',
  'coca',
  'echonet-dynamic',
  'mura',
  'sinoct',
  'thyroid-ultrasound',
];
const SHA = 'a'.repeat(40);

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'cm-adopt-'));
  execFileSync('git', ['init', '--quiet', '--initial-branch=main'], { cwd: root });
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('the built-in dataset registry', () => {
  it('lists all seven in an empty repository, each built in', async () => {
    const { code, stdout } = await runCliCaptured(['datasets', 'list', '--repo', root]);
    expect(code).toBe(0);
    for (const id of IDS) expect(stdout).toMatch(new RegExp(`^${id} .*built-in$`, 'm'));
  });

  it('takes a repository manifest over the built-in one and says so', async () => {
    const chexpert = JSON.parse(
      await readFile(path.join(REPO_ROOT, 'manifests/datasets/chexpert.json'), 'utf8'),
    );
    chexpert.title = 'CheXpert, as this team keeps it';
    await mkdir(path.join(root, 'manifests/datasets'), { recursive: true });
    await writeFile(path.join(root, 'manifests/datasets/chexpert.json'), JSON.stringify(chexpert));
    const info = await runCliCaptured(['datasets', 'info', 'chexpert', '--repo', root]);
    expect(info.stdout).toContain('CheXpert, as this team keeps it');
    expect(info.stdout).toContain(
      'Manifest in force: manifests/datasets/chexpert.json in this repository, overriding',
    );
    const mura = await runCliCaptured(['datasets', 'info', 'mura', '--repo', root]);
    expect(mura.stdout).toContain('Manifest in force: built into clinical-manifests');
  });
});

describe('init', () => {
  it('writes what validate and guard need, and both pass on the fresh repository', async () => {
    const first = await runCliCaptured([
      'init',
      '--visibility',
      'private',
      '--actions-ref',
      SHA,
      '--repo',
      root,
    ]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^created\s+manifests\/policy\.json$/m);
    expect(first.stdout).toContain('Next steps:');
    const policy = JSON.parse(await readFile(path.join(root, 'manifests/policy.json'), 'utf8'));
    expect(policy.repository_visibility).toBe('private');
    // Every $schema written resolves to a file init wrote.
    await readFile(path.join(root, 'manifests', policy.$schema), 'utf8');
    const workflow = await readFile(path.join(root, '.github/workflows/clinical-manifests.yml'), 'utf8');
    expect(workflow).toContain(`uses: clinical-manifests/clinical-manifests/actions/guard@${SHA}`);
    expect(await readFile(path.join(root, '.gitignore'), 'utf8')).toMatch(/^\/outputs\/$/m);
    expect((await runCliCaptured(['validate', '--repo', root])).code).toBe(0);
    execFileSync('git', ['add', '-A'], { cwd: root });
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'init'], {
      cwd: root,
    });
    const guard = await runCliCaptured(['guard', '--repo', root]);
    expect(guard.stdout).toContain('0 errors');
    expect(guard.code).toBe(0);
  });

  it('is idempotent and never overwrites without --force', async () => {
    await runCliCaptured(['init', '--repo', root, '--actions-ref', SHA]);
    const again = await runCliCaptured(['init', '--repo', root, '--actions-ref', SHA]);
    expect(again.stdout).not.toMatch(/^(created|overwritten|appended)/m);
    const changed = await runCliCaptured([
      'init',
      '--visibility',
      'private',
      '--repo',
      root,
      '--actions-ref',
      SHA,
    ]);
    expect(changed.stdout).toMatch(/^kept\s+manifests\/policy\.json/m);
    expect(await readFile(path.join(root, 'manifests/policy.json'), 'utf8')).toContain('"public"');
    const forced = await runCliCaptured([
      'init',
      '--visibility',
      'private',
      '--force',
      '--repo',
      root,
      '--actions-ref',
      SHA,
    ]);
    expect(forced.stdout).toMatch(/^overwritten\s+manifests\/policy\.json/m);
    expect((await readFile(path.join(root, '.gitignore'), 'utf8')).match(/^\/outputs\/$/gm)).toHaveLength(1);
  });

  it('refuses a directory that is not a git repository', async () => {
    await rm(path.join(root, '.git'), { recursive: true });
    expect((await runCliCaptured(['init', '--repo', root])).code).toBe(2);
  });
});
