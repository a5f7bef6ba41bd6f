// A synthetic data root in CheXpert's real layout, plus files whose folder or file names carry a
// patient's name (and one dressed up with full-width digits). regenerate, verify and everything they
// write or print: the files are failed items, counted, and their names appear nowhere.

import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetLayouts } from '../../actions/lib/datasets/dataset-layouts.js';
import { serializeLock } from '../../actions/lib/locks/lock-format.js';
import { silentLogger } from '../../actions/lib/logger.js';
import { createDefaultRenderer } from '../../actions/lib/regenerate/default-renderer.js';
import {
  formatPlan,
  formatResult,
  resultJson,
  resultMarkdown,
} from '../../actions/lib/regenerate/format-report.js';
import { regenerate } from '../../actions/lib/regenerate/regenerate.js';
import { loadRepository } from '../../actions/lib/repository/load-repository.js';
import type { Lock } from '../../actions/lib/schema/lock.js';
import { synthesizeDataRoot } from '../../actions/lib/synth/synthesize-data-root.js';
import { REPO_ROOT } from '../helpers/repository-copy.js';
import { runAction } from '../helpers/run-action.js';
import { runCliCaptured } from '../helpers/run-cli.js';
import { git } from '../regenerate/workspace.js';

const CHEX = 'CheXpert-v1.0-small';
/** Source paths (in the chexpert folder) whose names identify someone; each must go nowhere. */
const IDENTIFYING = [
  `${CHEX}/train/DOE^JANE/study1/view1_frontal.jpg`,
  `${CHEX}/train/patient_DOE^JANE/study1/view1_frontal.jpg`,
  `${CHEX}/train/patient00001/study1/view1_Jane Doe 1961-02-03.jpg`,
  `${CHEX}/valid/patient０００１２/study1/view1_frontal.jpg`,
];
/** The scenario's own source, moved under a name. */
const SCENARIO_SOURCE = `${CHEX}/valid/DOE^JANE 1961/study1/view1_frontal.jpg`;
/** An entry an older run locked before paths were checked. */
const OLD_LOCKED = `${CHEX}/train/SMITH^JOHN/study1/view1_frontal.jpg`;
const SECRETS = ['DOE', 'JANE', 'Jane', '1961', 'SMITH', 'JOHN', '０'];

let root: string;
let repo: string;
let data: string;
let out: string;
let env: NodeJS.ProcessEnv;

function expectNoSecret(text: string, where: string): void {
  for (const s of SECRETS) expect(text.includes(s), `${where} contains "${s}"`).toBe(false);
}

function lockTexts(): string {
  const dir = path.join(repo, 'manifests/locks');
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((n) => n.endsWith('.json'))
    .map((n) => readFileSync(path.join(dir, n), 'utf8'))
    .join('\n');
}

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'cm-paths-'));
  repo = path.join(root, 'repo');
  data = path.join(root, 'data');
  out = path.join(root, 'outputs');
  env = { ...process.env, CLINICAL_MANIFESTS_CACHE_DIR: path.join(root, 'cache') };
  mkdirSync(repo);
  for (const dir of ['manifests', 'scenarios'])
    cpSync(path.join(REPO_ROOT, dir), path.join(repo, dir), { recursive: true });
  rmSync(path.join(repo, 'manifests/locks'), { recursive: true, force: true });
  await synthesizeDataRoot(data, { repoRoot: repo });

  mkdirSync(path.join(repo, 'manifests/selections'), { recursive: true });
  writeFileSync(
    path.join(repo, 'manifests/selections/chexpert-all.json'),
    `${JSON.stringify({ id: 'chexpert-all', dataset: 'chexpert', include: [`${CHEX}/**/*.jpg`], recipe: { kind: 'image' }, output_dir: 'bulk/chexpert' }, null, 2)}\n`,
  );
  const scenarioFile = path.join(repo, 'scenarios/scenario_009.json');
  const scenario = JSON.parse(readFileSync(scenarioFile, 'utf8'));
  scenario.source.path = SCENARIO_SOURCE;
  writeFileSync(scenarioFile, `${JSON.stringify(scenario, null, 2)}\n`);
  // A lock from before this check, holding a name; the next run must drop it without printing it.
  const old = `bulk/chexpert/${OLD_LOCKED}.png`;
  const lock: Lock = {
    $schema: '../schema/lock.schema.json',
    format: 1,
    dataset: 'chexpert',
    tools: {},
    entries: [
      {
        output: old,
        source: { path: OLD_LOCKED, sha256: 'a'.repeat(64), size: 10 },
        recipe: { kind: 'image' },
        recipe_sha256: 'b'.repeat(64),
        output_sha256: 'c'.repeat(64),
        pixels_sha256: 'd'.repeat(64),
        width: 4,
        height: 2,
        channels: 1,
      },
    ],
  };
  mkdirSync(path.join(repo, 'manifests/locks'));
  writeFileSync(path.join(repo, 'manifests/locks/chexpert.json'), serializeLock(lock));
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'config', 'user.name', 'Test');
  git(repo, 'config', 'user.email', 'test@example.invalid');
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'content');

  const real = path.join(data, 'chexpert', CHEX, 'train/patient00001/study1/view1_frontal.jpg');
  for (const p of [...IDENTIFYING, SCENARIO_SOURCE, OLD_LOCKED]) {
    const file = path.join(data, 'chexpert', ...p.split('/'));
    mkdirSync(path.dirname(file), { recursive: true });
    copyFileSync(real, file);
  }
}, 60_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('identifying names in a data layout', () => {
  it('fails them as counted items, locks and commits only layout paths, and prints no name', async () => {
    const printed: string[] = [];
    const cli = async (...argv: string[]) => {
      const r = await runCliCaptured(argv, { cwd: root, env });
      printed.push(r.stdout, r.stderr);
      return r;
    };
    const run = await cli(
      'regenerate',
      '--data-root',
      data,
      '--repo',
      repo,
      '--out',
      out,
      '--dataset',
      'chexpert',
      '--commit',
      'local',
      '--jobs',
      '2',
    );
    expect(run.code, run.stdout + run.stderr).toBe(1);
    // 4 named files, the scenario's source and the old locked one: the selection's glob matches them all.
    expect(run.stdout).toContain(
      'manifests/selections/chexpert-all.json: 6 source files do not follow the chexpert layout: the first, segment 3 of 5 is not a patient id',
    );
    expect(run.stdout).toMatch(
      /scenarios\/scenario_009\.json: scenario scenario_009: source\.path does not follow the chexpert layout: segment 3 of 5 is not a patient id; expected patient_id_pattern \^patient\\d\{5\}\$/,
    );
    expect(run.stdout).toContain('remove   (an entry of chexpert whose paths do not follow its layout)');

    // The lock holds every conforming image and nothing else; the old named entry is gone.
    const lock = JSON.parse(readFileSync(path.join(repo, 'manifests/locks/chexpert.json'), 'utf8')) as Lock;
    const layouts = datasetLayouts((await loadRepository(repo, ['datasets'])).datasets);
    expect(lock.entries.length).toBe(6); // the 6 synthetic radiographs, all through the selection
    for (const e of lock.entries) expect(layouts.check('chexpert', e.source.path).ok).toBe(true);
    expectNoSecret(lockTexts(), 'a lock');
    const messages = git(repo, 'log', '--format=%B');
    expect(messages).toMatch(/Regenerate locks \(chexpert\): 6 added, 0 changed, 1 removed, 7 failed/);
    expectNoSecret(messages, 'a commit message');
    expect(git(repo, 'show', '--name-only', '--format=', 'HEAD').trim()).toBe(
      'manifests/locks/chexpert.json',
    );
    // No output was made from a named source.
    const outputs = (readdirSync(out, { recursive: true }) as string[]).join('\n');
    expectNoSecret(outputs, 'the outputs folder');

    const json = await cli(
      'regenerate',
      '--data-root',
      data,
      '--repo',
      repo,
      '--out',
      out,
      '--dataset',
      'chexpert',
      '--format',
      'json',
    );
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).failures).toHaveLength(2);

    const verify = await cli(
      'verify',
      '--data-root',
      data,
      '--repo',
      repo,
      '--dataset',
      'chexpert',
      '--no-render',
    );
    expect(verify.code).toBe(1);
    expect(verify.stdout).toMatch(/layout: 6 source files do not follow the chexpert layout/);
    for (const text of printed) expectNoSecret(text, 'stdout or stderr');
  }, 60_000);

  it('gives the action nothing to print: summary, warnings, JSON and plan hold no name', async () => {
    const renderer = createDefaultRenderer(1);
    let plan = '';
    const result = await regenerate({
      repoRoot: repo,
      dataRoot: data,
      outDir: out,
      cacheDir: path.join(root, 'cache'),
      datasets: ['chexpert'],
      commit: 'local',
      renderer,
      logger: silentLogger,
      onPlan: (p, dir) => {
        plan = formatPlan(p, dir);
      },
    }).finally(() => renderer.close?.());
    expect(result.counts.chexpert).toMatchObject({ failed: 7, unchanged: 6 });
    const summary = resultMarkdown(result);
    expect(summary).toContain('| chexpert | 0 | 0 | 0 | 6 | 7 |');
    // What the action logs: one warning per failure, the summary, the JSON report.
    const warnings = result.failures.map((f) => `${f.output}: ${f.reason}`).join('\n');
    for (const [where, text] of [
      ['summary', summary],
      ['warnings', warnings],
      ['json', JSON.stringify(resultJson(result))],
      ['text', formatResult(result)],
      ['plan', plan],
    ] as const)
      expectNoSecret(text, where);
  }, 30_000);

  it('runs as the action (its bundle): fails, and neither its log nor its job summary holds a name', async () => {
    const run = await runAction(
      'regenerate',
      repo,
      { 'data-root': data, 'out-dir': out, datasets: 'chexpert', commit: 'local', jobs: '1' },
      { CLINICAL_MANIFESTS_CACHE_DIR: path.join(root, 'cache') },
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error::2 item(s) failed');
    expect(run.summary).toContain('| chexpert | 0 | 0 | 0 | 6 | 7 |');
    expect(run.summary).toContain('6 source files do not follow the chexpert layout');
    expectNoSecret(run.stdout + run.stderr, 'the action log');
    expectNoSecret(run.summary, 'the job summary');
    expectNoSecret(git(repo, 'log', '--format=%B'), 'a commit message');
  }, 30_000);
});
