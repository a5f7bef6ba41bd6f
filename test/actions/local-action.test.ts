// GitHub's @github/local-action runs the validate action off a runner: it imports main.ts and calls
// its exported run() (index.ts calls the same run() in the bundle), with inputs from a dotenv file.
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { copyRepositoryContent, editJson, REPO_ROOT } from '../helpers/repository-copy.js';

let root: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ root, cleanup } = await copyRepositoryContent()));
afterEach(() => cleanup());

it('@github/local-action runs validate through its exported run()', async () => {
  await editJson(root, 'scenarios/scenario_009.json', (s) => delete s.ground_truth);
  const summary = path.join(root, 'summary.md');
  await writeFile(summary, '');
  const dotenv = path.join(root, 'action.env');
  await writeFile(
    dotenv,
    [
      `INPUT_REPO-PATH=${root}`,
      'INPUT_STRICT=False',
      'INPUT_MAX-ANNOTATIONS=5',
      `GITHUB_WORKSPACE=${root}`,
      `RUNNER_TEMP=${root}`,
      `GITHUB_STEP_SUMMARY=${summary}`,
      '',
    ].join('\n'),
  );
  const bin = path.join(REPO_ROOT, 'node_modules/@github/local-action/bin/local-action.js');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [bin, 'run', path.join(REPO_ROOT, 'actions/validate'), 'main.ts', dotenv],
    { cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } },
  );
  expect(stdout).toContain('Running Action');
  expect(stdout).toMatch(/::error title=schema,file=scenarios\/scenario_009\.json,line=\d+/);
  expect(stdout).toMatch(/::error::validate: 2 errors/);
  // local-action's own table of the outputs run() set.
  expect(stdout).toMatch(/Action Outputs[\s\S]*'errors'\s*│\s*'2'/);
  expect(await readFile(summary, 'utf8')).toContain('## clinical-manifests validate');
});
