import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BIN, ensureBuiltCli, REPO_ROOT, runBuiltCli } from '../robustness/built-cli.js';

const version = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).version as string;
const scratch = mkdtempSync(path.join(tmpdir(), 'cm-cli-conv-'));
beforeAll(() => ensureBuiltCli());
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('version', () => {
  it('-v, -V, --version and version print this package’s version, not the calling package’s', async () => {
    for (const flag of ['-v', '-V', '--version', 'version']) {
      const r = await runBuiltCli([flag], scratch, 60_000, { npm_package_version: '9.9.9' });
      expect(r.status, flag).toBe(0);
      expect(r.stdout, flag).toBe(`${version}\n`);
    }
  });

  it('answers from the bin alone, without the bundle (a copy with no dist/ and another version)', async () => {
    const pkg = path.join(scratch, 'pkg');
    mkdirSync(path.join(pkg, 'scripts'), { recursive: true });
    copyFileSync(CLI_BIN, path.join(pkg, 'scripts/clinical-manifests.js'));
    writeFileSync(
      path.join(pkg, 'package.json'),
      JSON.stringify({ name: 'x', version: '7.7.7', type: 'module' }),
    );
    const r = spawnSync(process.execPath, [path.join(pkg, 'scripts/clinical-manifests.js'), '--version'], {
      encoding: 'utf8',
    });
    expect(r.stdout).toBe('7.7.7\n');
    expect(r.status).toBe(0);
  });
});

describe('a closed pipe', () => {
  it('ends quietly: no EPIPE, no stack trace', async () => {
    for (const args of [['--help'], ['completion', 'bash'], ['datasets', 'list', '--repo', REPO_ROOT]]) {
      const child = spawn(process.execPath, [CLI_BIN, ...args], { cwd: scratch });
      child.stdout.destroy(); // the reader is gone before the first write, as after `| head -1`
      const err: Buffer[] = [];
      child.stderr.on('data', (c: Buffer) => err.push(c));
      const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
      const stderr = Buffer.concat(err).toString('utf8');
      expect(stderr, args.join(' ')).not.toMatch(/EPIPE|\n\s+at /);
      expect(status, args.join(' ')).toBe(0);
    }
  });

  it('`… | head -1` through a real shell prints one line and no error', () => {
    const r = spawnSync(
      'bash',
      ['-o', 'pipefail', '-c', `"${process.execPath}" "${CLI_BIN}" completion bash | head -1`],
      {
        encoding: 'utf8',
      },
    );
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toBe('');
  });
});

describe('shell completion', () => {
  it('bash: the script registers a function that completes commands, subcommands and options', async () => {
    const script = path.join(scratch, 'completion.bash');
    writeFileSync(script, (await runBuiltCli(['completion', 'bash'], scratch)).stdout);
    const complete = (line: string) => {
      const words = line.split(' ');
      const r = spawnSync(
        'bash',
        [
          '-c',
          `source "${script}"; complete -p clinical-manifests; COMP_WORDS=(${words.map((w) => `"${w}"`).join(' ')}); COMP_CWORD=${words.length - 1}; _clinical_manifests; printf '%s\\n' "\${COMPREPLY[@]}"`,
        ],
        { encoding: 'utf8' },
      );
      expect(r.stderr).toBe('');
      return r.stdout.split('\n').filter(Boolean);
    };
    const [registered, ...commands] = complete('clinical-manifests val');
    expect(registered).toBe('complete -o default -F _clinical_manifests clinical-manifests');
    expect(commands).toEqual(['validate']);
    expect(complete('clinical-manifests v').slice(1).sort()).toEqual(['validate', 'verify', 'version']);
    expect(complete('clinical-manifests datasets ')).toEqual(
      expect.arrayContaining(['list', 'info', 'prepare', 'check', '--data-root', '--format']),
    );
    expect(complete('clinical-manifests regenerate --data-')).toContain('--data-root');
    expect(complete('clinical-manifests render w').slice(1)).toEqual(['wsi']);
    expect(complete('clinical-manifests completion ').slice(1)).toEqual(expect.arrayContaining(['--quiet']));
  });

  it('zsh: the script parses (zsh -n) and defines the completion function', async () => {
    const zsh = spawnSync('zsh', ['--version']);
    if (zsh.status !== 0) return expect.fail('zsh is needed: apt-get install -y zsh');
    const script = path.join(scratch, '_clinical-manifests');
    writeFileSync(script, (await runBuiltCli(['completion', 'zsh'], scratch)).stdout);
    const syntax = spawnSync('zsh', ['-n', script], { encoding: 'utf8' });
    expect(syntax.status, syntax.stderr).toBe(0);
    const loaded = spawnSync(
      'zsh',
      ['-c', `autoload -Uz compinit && compinit -u -D; source "${script}"; whence -w _clinical_manifests`],
      { encoding: 'utf8', env: { ...process.env, HOME: scratch } },
    );
    expect(loaded.stdout).toContain('_clinical_manifests: function');
  });

  it('an unknown shell is a usage error', async () => {
    const r = await runBuiltCli(['completion', 'fish'], scratch);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no completion for "fish"');
  });
});
