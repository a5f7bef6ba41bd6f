/**
 * Bench 1 (issue 7): validate on a generated repository with N scenarios and an M-entry lock, against
 * the anchor of only reading and JSON-parsing the same files. Target: at most 3× the anchor.
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeCitationsFile } from '../../actions/lib/citations/citations-file.js';
import { serializeLock } from '../../actions/lib/locks/lock-format.js';
import { layoutEntries } from '../../actions/lib/locks/lock-layout.js';
import type { LockEntry } from '../../actions/lib/schema/lock.js';
import { validateRepository } from '../../actions/lib/validate/validate-repository.js';
import type { BenchResult } from './bench-result.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const hex = (n: number, salt: string) =>
  (BigInt(n) * 0x9e3779b97f4a7c15n + BigInt(salt.length)).toString(16).padStart(16, '0').slice(-16).repeat(4);

/** A repository like ours, scaled: `scenarios` scenario files (copies of a real-source one) and one big lock. */
export async function generateRepository(scenarios: number, lockEntries: number): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'cm-bench-validate-'));
  await cp(path.join(REPO, 'manifests'), path.join(root, 'manifests'), {
    recursive: true,
    filter: (src) => !src.includes(`${path.sep}locks`),
  });
  await cp(path.join(REPO, 'scenarios/synthetic_images'), path.join(root, 'scenarios/synthetic_images'), {
    recursive: true,
  });
  const template = JSON.parse(await readFile(path.join(REPO, 'scenarios/scenario_009.json'), 'utf8'));
  const entries: LockEntry[] = [];
  for (let i = 0; i < lockEntries; i++) {
    const patient = `patient${String(i % 65240).padStart(5, '0')}`;
    entries.push({
      output: `real_images/chexpert/${patient}_${i}.png`,
      source: {
        path: `CheXpert-v1.0-small/train/${patient}/study${(i % 7) + 1}/view1_frontal.jpg`,
        sha256: hex(i, 's'),
        size: 20_000 + (i % 5000),
      },
      recipe: { kind: 'image' },
      recipe_sha256: hex(1, 'recipe'),
      output_sha256: hex(i, 'out'),
      pixels_sha256: hex(i, 'pixels'),
      width: 320,
      height: 390,
      channels: 1,
    });
  }
  const writes: Promise<void>[] = [];
  for (let i = 0; i < scenarios; i++) {
    const entry = entries[i % Math.max(1, entries.length)]!;
    const id = `scenario_b${String(i).padStart(6, '0')}`;
    const scenario = {
      ...template,
      id,
      image_file: entry.output,
      source: { ...template.source, path: entry.source.path },
      metadata: { ...template.metadata, patient_id: entry.source.path.split('/')[2] },
    };
    writes.push(
      writeFile(path.join(root, 'scenarios', `${id}.json`), `${JSON.stringify(scenario, null, 2)}\n`),
    );
  }
  await Promise.all(writes);
  // validate checks that CITATIONS.md matches the scenarios' datasets: write it as the CLI would.
  await writeCitationsFile(root);
  for (const [file, group] of layoutEntries('chexpert', entries)) {
    const full = path.join(root, 'manifests/locks', file);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(
      full,
      serializeLock({
        $schema: '../../schema/lock.schema.json',
        format: 1,
        dataset: 'chexpert',
        shard: group.shard,
        tools: { node: 'bench' },
        entries: group.entries,
      }),
    );
  }
  return root;
}

/** The anchor: read every content file and JSON.parse it, nothing else. */
async function readAndParse(root: string): Promise<number> {
  const files = (await readdir(root, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile() && e.name.endsWith('.json') && !e.parentPath.includes(`${path.sep}schema`))
    .map((e) => path.join(e.parentPath, e.name));
  const parsed = await Promise.all(files.map(async (f) => JSON.parse(await readFile(f, 'utf8')) as unknown));
  return parsed.length;
}

async function bestOf<T>(runs: number, fn: () => Promise<T>): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

export async function benchValidateScale(options: {
  scenarios: number;
  lockEntries: number;
  runs: number;
}): Promise<BenchResult> {
  const root = await generateRepository(options.scenarios, options.lockEntries);
  try {
    const report = await validateRepository(root);
    const errors = report.findings.filter((f) => f.severity === 'error');
    if (errors.length > 0)
      throw new Error(`generated repository is not clean: ${errors[0]!.file}: ${errors[0]!.message}`);
    const anchorMs = await bestOf(options.runs, () => readAndParse(root));
    const validateMs = await bestOf(options.runs, () => validateRepository(root));
    return {
      id: 'validate-scale',
      title: `validate: ${options.scenarios.toLocaleString('en')} scenarios + ${options.lockEntries.toLocaleString('en')}-entry lock`,
      value: validateMs,
      unit: 'ms',
      anchor: { name: 'read + JSON.parse of the same files', value: anchorMs, unit: 'ms' },
      target: 'at most 3× the anchor',
      ratio: validateMs / anchorMs,
      met: validateMs <= 3 * anchorMs,
    };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
