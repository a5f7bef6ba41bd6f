import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../../scripts/cli/commands/index.js';
import { closest, editDistance } from '../../scripts/cli/did-you-mean.js';
import { REPO_ROOT } from '../robustness/built-cli.js';
import { cli } from './cli-io.js';

describe('did you mean', () => {
  it('measures edits and picks only a near candidate', () => {
    expect(editDistance('valdate', 'validate')).toBe(1);
    expect(editDistance('chexpret', 'chexpert')).toBe(1);
    expect(editDistance('mrege', 'merge')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(closest('valdate', ['validate', 'verify', 'guard'])).toBe('validate');
    expect(closest('chexpret', ['chexpert', 'mura', 'coca'])).toBe('chexpert');
    expect(closest('banana', ['validate', 'verify', 'guard'])).toBeUndefined();
  });

  it('an unknown command names the nearest one, without the whole usage (exit 2)', async () => {
    const r = await cli(['valdate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "valdate" (did you mean "validate"?)');
    expect(r.stderr).not.toContain('commands:');
    expect(r.stdout).toBe('');
    const far = await cli(['zzzzzz']);
    expect(far.stderr).toContain('unknown command "zzzzzz"\n');
  });

  it('an unknown option names the nearest option of that command (exit 2)', async () => {
    const r = await cli(['validate', '--fromat', 'json', '--repo', REPO_ROOT]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown option --fromat (did you mean "--format"?)');
    const regen = await cli(['regenerate', '--data-rot', '/tmp']);
    expect(regen.stderr).toContain('did you mean "--data-root"?');
  });

  it('an unknown dataset id names the nearest and every known id (exit 2)', async () => {
    for (const argv of [
      ['datasets', 'info', 'chexpret'],
      ['datasets', 'check', 'chexpret', '--data-root', REPO_ROOT],
      ['datasets', 'prepare', 'chexpret', '--data-root', '/tmp'],
    ]) {
      const r = await cli([...argv, '--repo', REPO_ROOT]);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toContain('unknown dataset "chexpret" (did you mean "chexpert"?)');
      expect(r.stderr).toMatch(/known: brain-mets-lung, chexpert, coca, echonet-dynamic, mura/);
    }
  });
});

describe('help', () => {
  it('`help <command>` prints that command’s help, as `<command> --help` does', async () => {
    const help = await cli(['help', 'validate']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: clinical-manifests validate/);
    expect(help.stdout).toBe((await cli(['validate', '--help'])).stdout);
    expect((await cli(['help', 'valdate'])).stderr).toContain('did you mean "validate"?');
  });

  it('every command’s help lists --debug, --quiet and the environment variables', async () => {
    for (const c of commands) {
      const r = await cli(['help', c.name]);
      expect(r.stdout, c.name).toContain('--debug');
      expect(r.stdout, c.name).toContain('--quiet');
      expect(r.stdout, c.name).toContain('CLINICAL_DATA_ROOT');
      expect(r.stdout, c.name).toContain('NO_COLOR');
    }
    const top = await cli(['--help']);
    expect(top.stdout).toContain('--debug');
    for (const c of commands) expect(top.stdout).toContain(`  ${c.name} `);
  });

  it('the common flags parse in every command (no "unknown option --quiet")', async () => {
    for (const c of commands) {
      const r = await cli([c.name, '--quiet', '--debug', '--no-such-flag']);
      expect(r.stderr, c.name).not.toContain('--quiet');
      expect(r.stderr, c.name).toContain('unknown option --no-such-flag');
    }
  });
});

describe('conventions every command gets from the registry', () => {
  it('subcommands get a "did you mean" too', async () => {
    const cases: [string[], string][] = [
      [['datasets', 'lisst'], 'did you mean "list"?'],
      [['locks', 'mrege'], 'did you mean "merge"?'],
      [['scenarios', 'exprot'], 'did you mean "export"?'],
    ];
    for (const [argv, hint] of cases) {
      const r = await cli([...argv, '--repo', REPO_ROOT]);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toContain(hint);
    }
  });

  it('no command prints JSON except through the envelope (scenarios export prints the data format)', () => {
    const dir = path.join(REPO_ROOT, 'scripts/cli/commands');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'scenarios.ts')) {
      expect(readFileSync(path.join(dir, file), 'utf8'), file).not.toContain('JSON.stringify(');
    }
  });
});
