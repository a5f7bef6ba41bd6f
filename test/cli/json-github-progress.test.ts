import { mkdirSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { painter } from '../../scripts/cli/colour.js';
import { makeWorkspace, sourcePath, type Workspace, writeSource } from '../regenerate/workspace.js';
import { REPO_ROOT } from '../robustness/built-cli.js';
import { cli } from './cli-io.js';

let ws: Workspace;
afterEach(() => ws?.cleanup());

async function workspace(sources: number): Promise<{ env: NodeJS.ProcessEnv }> {
  ws = makeWorkspace({ files: 0 });
  mkdirSync(sourcePath(ws, 'images'), { recursive: true });
  for (let i = 0; i < sources; i++)
    await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: i * 30, g: 9, b: 9 } } })
      .png()
      .toFile(sourcePath(ws, `images/i${i}.bin`));
  return { env: { ...process.env, CLINICAL_MANIFESTS_CACHE_DIR: ws.cache, CLINICAL_DATA_ROOT: ws.data } };
}

/** Every `--format json` document opens with the same two fields. */
function envelope(stdout: string, command: string): Record<string, unknown> {
  const doc = JSON.parse(stdout) as Record<string, unknown>;
  expect(Object.keys(doc).slice(0, 2)).toEqual(['schema_version', 'command']);
  expect(doc).toMatchObject({ schema_version: 1, command });
  return doc;
}

describe('one JSON envelope for every --format json', () => {
  it('validate, citations, schemas, datasets list/info/check, synth', async () => {
    const cases: [string[], string, string][] = [
      [['validate'], 'validate', 'findings'],
      [['citations', '--check'], 'citations', 'findings'],
      [['schemas', '--check'], 'schemas', 'findings'],
      [['synth', '--images', '--check'], 'synth', 'findings'],
      [['datasets', 'list'], 'datasets list', 'datasets'],
      [['datasets', 'info', 'mura'], 'datasets info', 'dataset'],
    ];
    for (const [argv, command, key] of cases) {
      const r = await cli([...argv, '--format', 'json', '--repo', REPO_ROOT]);
      expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBe(0);
      expect(envelope(r.stdout, command), command).toHaveProperty(key);
    }
    const rows = envelope(
      (await cli(['datasets', 'list', '--format', 'json', '--repo', REPO_ROOT])).stdout,
      'datasets list',
    );
    expect((rows.datasets as { id: string }[]).map((d) => d.id)).toContain('chexpert');
  });

  it('regenerate, verify, datasets check and locks merge; CLINICAL_DATA_ROOT stands for --data-root', async () => {
    const { env } = await workspace(3);
    const opts = { cwd: ws.root, env };
    const regen = await cli(['regenerate', '--repo', ws.repo, '--format', 'json'], opts);
    expect(regen.code, regen.stderr).toBe(0);
    expect(envelope(regen.stdout, 'regenerate')).toMatchObject({ datasets: { toyset: { added: 3 } } });
    const verify = await cli(['verify', '--repo', ws.repo, '--format', 'json'], opts);
    expect(envelope(verify.stdout, 'verify')).toMatchObject({ checked: 3, drift: [] });
    const merge = await cli(['locks', 'merge', '--repo', ws.repo, ws.repo, '--format', 'json'], opts);
    expect(envelope(merge.stdout, 'locks merge')).toMatchObject({ conflicts: [], empty: [] });
  });
});

describe('--format github wherever items fail', () => {
  it('regenerate names each failed item; verify each drift; both exit 1', async () => {
    const { env } = await workspace(2);
    writeSource(ws, 'images/broken.bin', 'not an image at all');
    const opts = { cwd: ws.root, env };
    const regen = await cli(['regenerate', '--repo', ws.repo, '--format', 'github'], opts);
    expect(regen.code).toBe(1);
    expect(regen.stdout).toMatch(/^::error title=regenerate\/failed::toyset: \S*broken\.bin\S*: /m);
    expect(regen.stdout.trim().split('\n')).toHaveLength(1);
    writeSource(ws, 'images/i0.bin', 'changed after locking');
    const verify = await cli(['verify', '--repo', ws.repo, '--format', 'github', '--no-render'], opts);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toMatch(
      /^::error title=verify\/source::toyset: \S*i0\.bin\S* \(source images\/i0\.bin\): source sha256/m,
    );
  });

  it('validate and datasets check speak it too', async () => {
    const v = await cli(['validate', '--format', 'github', '--repo', REPO_ROOT]);
    expect(v.code).toBe(0);
    expect(v.stdout).not.toContain('error,');
    const { env } = await workspace(0);
    mkdirSync(path.join(ws.data, 'mura'));
    const check = await cli(['datasets', 'check', 'mura', '--format', 'github', '--repo', REPO_ROOT], {
      env,
    });
    expect(check.code).toBe(1);
    const json = await cli(['datasets', 'check', 'mura', '--format', 'json', '--repo', REPO_ROOT], { env });
    expect(envelope(json.stdout, 'datasets check')).toMatchObject({ checks: [{ dataset: 'mura' }] });
    expect(check.stdout).toMatch(
      /^::error title=datasets\/check::mura: MURA-v1.1\/train_labeled_studies.csv: missing file \(/m,
    );
  });
});

describe('--dataset and the data root', () => {
  it('an unknown --dataset is exit 2 naming the known ids, in regenerate and verify', async () => {
    const { env } = await workspace(1);
    for (const command of ['regenerate', 'verify']) {
      const r = await cli([command, '--repo', ws.repo, '--dataset', 'toyste'], { cwd: ws.root, env });
      expect(r.code, command).toBe(2);
      // The seven built-in datasets are known too.
      expect(r.stderr).toMatch(/unknown dataset "toyste" \(did you mean "toyset"\?\); known: .*\btoyset\b/);
    }
  });

  it('an empty or wrong data root is a setup error naming the dataset folders it lacks', async () => {
    const { env } = await workspace(1);
    const empty = path.join(ws.root, 'empty');
    mkdirSync(empty);
    for (const command of ['regenerate', 'verify']) {
      const r = await cli([command, '--repo', ws.repo, '--data-root', empty], { cwd: ws.root, env });
      expect(r.code, command).toBe(2);
      expect(r.stderr).toContain(
        `the data root ${empty} holds none of the dataset folders (expected one or more of toyset/)`,
      );
      expect(r.stdout).toBe('');
    }
    const unset = await cli(['regenerate', '--repo', ws.repo], {
      cwd: ws.root,
      env: { ...env, CLINICAL_DATA_ROOT: '' },
    });
    expect(unset.code).toBe(2);
    expect(unset.stderr).toContain('--data-root is required (or set CLINICAL_DATA_ROOT)');
    const missing = await cli(['verify', '--repo', ws.repo], {
      cwd: ws.root,
      env: { ...env, CLINICAL_DATA_ROOT: path.join(ws.root, 'nope') },
    });
    expect(missing.stderr).toMatch(/data root \S+nope \(from CLINICAL_DATA_ROOT\) is not a directory/);
  });
});

describe('progress, --quiet and NO_COLOR', () => {
  it('regenerate and verify draw a bar on a terminal only, and not with --quiet', async () => {
    const { env } = await workspace(3);
    const opts = { cwd: ws.root, env };
    const tty = await cli(['regenerate', '--repo', ws.repo], { ...opts, tty: true });
    expect(tty.stderr).toContain('\r[##############################] 3/3');
    const verify = await cli(['verify', '--repo', ws.repo], { ...opts, tty: true });
    expect(verify.stderr).toContain('] 3/3');
    const pipe = await cli(['verify', '--repo', ws.repo], opts);
    expect(pipe.stderr).not.toContain('[');
    const quiet = await cli(['regenerate', '--repo', ws.repo, '--force', '--quiet'], { ...opts, tty: true });
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).not.toContain('plan:');
    expect(quiet.stdout).toContain('toyset');
  });

  it('colour only on a terminal, and never with NO_COLOR', () => {
    expect(painter({ env: {} }, { isTTY: true })('31', 'x')).toBe('\u001b[31mx\u001b[0m');
    expect(painter({ env: { NO_COLOR: '1' } }, { isTTY: true })('31', 'x')).toBe('x');
    expect(painter({ env: {} }, { isTTY: false })('31', 'x')).toBe('x');
  });
});
