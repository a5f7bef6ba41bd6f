import { existsSync, readdirSync, renameSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InputError } from '../../actions/lib/errors.js';
import { foldName } from '../../actions/lib/fs/folded-names.js';
import { LARGE_JSON_CHARS } from '../../actions/lib/json/json-document.js';
import { validateRepository } from '../../actions/lib/validate/validate-repository.js';
import { copyRepositoryContent, editJson } from '../helpers/repository-copy.js';
import { makeWorkspace, regenerateIn, type Workspace, writeSelection } from '../regenerate/workspace.js';

const COMPOSED = 'caf\u00e9';
const DECOMPOSED = 'cafe\u0301';

describe('foldName', () => {
  it('merges case, NFC/NFD and NFKC forms, and nothing else', () => {
    expect(COMPOSED).not.toBe(DECOMPOSED);
    expect(foldName(`Outputs/${COMPOSED}.png`)).toBe(foldName(`outputs/${DECOMPOSED}.PNG`));
    expect(foldName('ﬁle')).toBe(foldName('FILE'));
    expect(foldName('a.png')).not.toBe(foldName('b.png'));
  });
});

describe('validate: names that collide by case or Unicode normalisation', () => {
  let repo: { root: string; cleanup: () => Promise<void> } | undefined;
  afterEach(() => repo?.cleanup());

  it('outputs of two scenarios, scenario ids, and lock keys are errors naming both', async () => {
    repo = await copyRepositoryContent();
    const { root } = repo;
    const collisions = (findings: { rule: string; file: string; message: string }[]) =>
      findings.filter((f) => f.rule.startsWith('collision/'));
    expect(collisions((await validateRepository(root)).findings)).toEqual([]);

    // Two scenarios whose outputs differ by case; a third whose id does.
    await editJson(root, 'scenarios/scenario_002.json', (s) => {
      s.image_file = 'real_images/MURA/x.png';
    });
    await editJson(root, 'scenarios/scenario_003.json', (s) => {
      s.image_file = 'real_images/mura/X.png';
    });
    await editJson(root, 'scenarios/scenario_005.json', (s) => {
      s.id = 'Scenario_001';
    });
    renameSync(
      path.join(root, 'scenarios/scenario_005.json'),
      path.join(root, 'scenarios/Scenario_001.json'),
    );
    // A lock whose two keys differ only by NFC/NFD.
    const entry = (output: string) => ({
      output,
      source: { path: 'MURA-v1.1/a.png', sha256: 'a'.repeat(64), size: 1 },
      recipe: { kind: 'image' },
      recipe_sha256: 'b'.repeat(64),
      output_sha256: 'c'.repeat(64),
      pixels_sha256: 'd'.repeat(64),
      width: 1,
      height: 1,
      channels: 1,
    });
    await mkdir(path.join(root, 'manifests/locks'), { recursive: true });
    await writeFile(
      path.join(root, 'manifests/locks/mura.json'),
      JSON.stringify({
        $schema: '../schema/lock.schema.json',
        format: 1,
        dataset: 'mura',
        tools: {},
        entries: [entry(`bulk/${COMPOSED}.png`), entry(`bulk/${DECOMPOSED}.png`)],
      }),
    );
    // A second lock file whose name differs only by case.
    await writeFile(
      path.join(root, 'manifests/locks/MURA.json'),
      JSON.stringify({
        $schema: '../schema/lock.schema.json',
        format: 1,
        dataset: 'MURA',
        tools: {},
        entries: [],
      }),
    );
    const found = collisions((await validateRepository(root)).findings);
    const lines = found.map((f) => `${f.rule} ${f.file}: ${f.message.split(' only by')[0]}`).sort();
    expect(lines).toEqual(
      [
        'collision/file manifests/locks/mura.json: file "manifests/locks/mura.json" differs from "manifests/locks/MURA.json"',
        'collision/file scenarios/scenario_001.json: file "scenarios/scenario_001.json" differs from "scenarios/Scenario_001.json"',
        'collision/id scenarios/scenario_001.json: scenario id "scenario_001" differs from "Scenario_001" (scenarios/Scenario_001.json)',
        'collision/output manifests/locks/mura.json: output "bulk/cafe\u0301.png" differs from "bulk/caf\u00e9.png" (manifests/locks/mura.json)',
        'collision/output scenarios/scenario_003.json: output "real_images/mura/X.png" differs from "real_images/MURA/x.png" (scenarios/scenario_002.json)',
      ].sort(),
    );
    for (const f of found) expect(f.message).toMatch(/only by case or Unicode normalisation/);
  });
});

describe('validate: collisions in a lock too large for a map of positions', () => {
  let repo: { root: string; cleanup: () => Promise<void> } | undefined;
  afterEach(() => repo?.cleanup());

  it('are located at their entries, at most 50 reported', async () => {
    repo = await copyRepositoryContent();
    const entry = (output: string) =>
      JSON.stringify({
        output,
        source: { path: 'MURA-v1.1/a.png', sha256: 'a'.repeat(64), size: 1 },
        recipe: { kind: 'image' },
        recipe_sha256: 'b'.repeat(64),
        output_sha256: 'c'.repeat(64),
        pixels_sha256: 'd'.repeat(64),
        width: 1,
        height: 1,
        channels: 1,
      });
    // 8,000 entries (~3 MB, past JsonDocument's full-map limit); every 100th upper-cased.
    const lines = Array.from({ length: 8000 }, (_, i) =>
      entry(i % 100 === 99 ? `bulk/P${i - 1}.png` : `bulk/p${i}.png`),
    );
    const text = `{"$schema":"../schema/lock.schema.json","format":1,"dataset":"mura","tools":{},"entries":[\n${lines.join(',\n')}\n]}\n`;
    expect(text.length).toBeGreaterThan(LARGE_JSON_CHARS);
    await mkdir(path.join(repo.root, 'manifests/locks'), { recursive: true });
    await writeFile(path.join(repo.root, 'manifests/locks/mura.json'), text);
    const found = (await validateRepository(repo.root)).findings.filter((f) => f.rule === 'collision/output');
    expect(found).toHaveLength(50);
    for (const [n, f] of found.entries()) {
      const i = n * 100 + 99;
      // Entry i is on line i + 2; its "output" key is the second character.
      expect([f.file, f.line, f.column]).toEqual(['manifests/locks/mura.json', i + 2, 2]);
      expect(f.message).toContain(`output "bulk/P${i - 1}.png" differs from "bulk/p${i - 1}.png"`);
    }
  });
});

describe('regenerate: outputs that collide are refused before anything is written', () => {
  let ws: Workspace | undefined;
  afterEach(() => ws?.cleanup());

  it('two selections whose output folders differ only by case', async () => {
    ws = makeWorkspace({ files: 3 });
    writeSelection(ws, ws.dataset, 'second');
    await editJson(ws.repo, 'manifests/selections/second.json', (s) => {
      s.output_dir = `Bulk/${ws!.dataset}`;
    });
    const error = await regenerateIn(ws).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).code).toBe('output-collision');
    expect((error as InputError).message).toMatch(
      /^manifests\/selections\/.*\.json: output "(Bulk|bulk)\/toyset\/images\/p0000\.bin\.png" differs from ".*" \(manifests\/selections\/.*\.json\) only by case or Unicode normalisation/,
    );
    expect(existsSync(ws.out) ? readdirSync(ws.out, { recursive: true }) : []).toEqual([]);
    expect(readdirSync(path.join(ws.repo, 'manifests/locks'))).toEqual([]);
  });
});
