import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyRepositoryContent, REPO_ROOT } from '../helpers/repository-copy.js';
import { runCliCaptured } from '../helpers/run-cli.js';

async function scenarioFiles(root: string): Promise<Record<string, string>> {
  const dir = path.join(root, 'scenarios');
  const out: Record<string, string> = {};
  for (const f of (await readdir(dir)).filter((f) => f.endsWith('.json')).sort())
    out[f] = await readFile(path.join(dir, f), 'utf8');
  return out;
}

describe('scenarios import / export', () => {
  let work: string;
  let copy: Awaited<ReturnType<typeof copyRepositoryContent>>;
  beforeEach(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'cm-scenarios-io-'));
    copy = await copyRepositoryContent();
  });
  afterEach(async () => {
    await rm(work, { recursive: true, force: true });
    await copy.cleanup();
  });

  it('export gives one array of {id, image_file, ground_truth, metadata, …} without $schema', async () => {
    const { code, stdout } = await runCliCaptured(['scenarios', 'export', '--repo', REPO_ROOT]);
    expect(code).toBe(0);
    const records = JSON.parse(stdout);
    expect(Array.isArray(records)).toBe(true);
    expect(records.length).toBe(Object.keys(await scenarioFiles(REPO_ROOT)).length);
    for (const r of records) {
      expect(r).toHaveProperty('id');
      expect(r).toHaveProperty('image_file');
      expect(r).toHaveProperty('ground_truth');
      expect(r).toHaveProperty('metadata');
      expect(r).not.toHaveProperty('$schema');
    }
  });

  it('round trip: export, import into an empty repository, export again gives the same scenarios and files', async () => {
    const exported = path.join(work, 'scenarios.json');
    expect((await runCliCaptured(['scenarios', 'export', '-o', exported, '--repo', copy.root])).code).toBe(0);
    const empty = path.join(work, 'repo');
    await mkdir(empty);
    const imported = await runCliCaptured(['scenarios', 'import', exported, '--repo', empty]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/created {2}scenarios\/scenario_001\.json/);
    const again = await runCliCaptured(['scenarios', 'export', '--repo', empty]);
    expect(again.stdout).toBe(await readFile(exported, 'utf8'));
    // Files come back as written (extra fields such as synthetic and source included).
    const original = await scenarioFiles(copy.root);
    const roundTripped = await scenarioFiles(empty);
    expect(Object.keys(roundTripped)).toEqual(Object.keys(original));
    for (const [f, text] of Object.entries(roundTripped))
      expect(JSON.parse(text)).toEqual(JSON.parse(original[f]!));
  });

  it('keeps unknown fields of a benchmark scenario through import and export', async () => {
    const records = JSON.parse((await runCliCaptured(['scenarios', 'export', '--repo', copy.root])).stdout);
    const one = {
      ...records[0],
      id: 'scenario_900',
      difficulty: 'hard',
      metadata: { ...records[0].metadata, reviewer: 'A' },
    };
    const file = path.join(work, 'one.json');
    await writeFile(file, JSON.stringify([one]));
    expect((await runCliCaptured(['scenarios', 'import', file, '--repo', copy.root])).code).toBe(0);
    const back = JSON.parse((await runCliCaptured(['scenarios', 'export', '--repo', copy.root])).stdout);
    expect(back.find((r: { id: string }) => r.id === 'scenario_900')).toEqual(one);
    const written = JSON.parse(await readFile(path.join(copy.root, 'scenarios/scenario_900.json'), 'utf8'));
    expect(Object.keys(written)[0]).toBe('$schema');
  });

  it('refuses duplicate ids, existing ids and invalid scenarios, naming each, and writes nothing', async () => {
    const records = JSON.parse((await runCliCaptured(['scenarios', 'export', '--repo', copy.root])).stdout);
    const fresh = { ...records[0], id: 'scenario_901' };
    const bad = { id: 'scenario_902', image_file: 'synthetic_images/x.png', metadata: {} };
    const file = path.join(work, 'bad.json');
    await writeFile(file, JSON.stringify([fresh, { ...fresh }, records[1], bad]));
    const before = await scenarioFiles(copy.root);
    const result = await runCliCaptured(['scenarios', 'import', file, '--repo', copy.root]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('nothing imported');
    expect(result.stderr).toContain('[1] scenario_901: duplicate id "scenario_901" (also at [0])');
    expect(result.stderr).toContain(
      `[2] ${records[1].id}: scenarios/${records[1].id}.json already exists (use --replace`,
    );
    expect(result.stderr).toMatch(/\[3\] scenario_902: \/ground_truth: /);
    expect(await scenarioFiles(copy.root)).toEqual(before);
  });

  it('export names a scenario file that is not valid JSON and exits 1', async () => {
    await writeFile(path.join(copy.root, 'scenarios/broken.json'), '{"id": "broken",');
    const result = await runCliCaptured(['scenarios', 'export', '--repo', copy.root]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/scenarios\/broken\.json: line 1: invalid JSON/);
    expect(result.stdout).toBe('');
  });

  it('--replace overwrites an existing scenario; bad JSON and a non-array are clear errors', async () => {
    const records = JSON.parse((await runCliCaptured(['scenarios', 'export', '--repo', copy.root])).stdout);
    const changed = { ...records[0], ground_truth: 'Changed ground truth' };
    const file = path.join(work, 'replace.json');
    await writeFile(file, JSON.stringify([changed]));
    const result = await runCliCaptured(['scenarios', 'import', file, '--replace', '--repo', copy.root]);
    expect(result.stdout).toContain(`replaced scenarios/${records[0].id}.json`);
    await writeFile(file, '[{"id": ');
    expect((await runCliCaptured(['scenarios', 'import', file, '--repo', copy.root])).stderr).toMatch(
      /replace\.json: line 1, column \d+/,
    );
    await writeFile(file, '{"id": "x"}');
    expect((await runCliCaptured(['scenarios', 'import', file, '--repo', copy.root])).stderr).toContain(
      'must be a JSON array',
    );
    expect((await runCliCaptured(['scenarios', 'import', '--repo', copy.root])).code).toBe(2);
  });
});
