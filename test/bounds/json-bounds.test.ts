import { execFileSync } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../actions/lib/errors.js';
import type { Finding } from '../../actions/lib/findings/finding.js';
import { JsonDocument, LARGE_JSON_CHARS } from '../../actions/lib/json/json-document.js';
import { JSON_SIZE_LIMITS, MAX_JSON_VALUES } from '../../actions/lib/json/json-limits.js';
import { readDatasetLocks } from '../../actions/lib/locks/lock-store.js';
import { jsonBudget, loadJsonFile } from '../../actions/lib/repository/load-json-file.js';
import { copyRepositoryContent } from '../helpers/repository-copy.js';
import { disposeMeasuredCli, ONE_GB, runMeasuredCli } from './measured-cli.js';

/** Writes `head`, then `chunk` repeated `times`, then `tail`, without holding the whole file. */
function writeRepeated(file: string, head: string, chunk: string, times: number, tail: string): void {
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, head);
    const block = Buffer.from(chunk.repeat(Math.max(1, Math.floor((1 << 20) / chunk.length))));
    const perBlock = block.length / chunk.length;
    let left = times;
    for (; left >= perBlock; left -= perBlock) writeSync(fd, block);
    if (left > 0) writeSync(fd, chunk.repeat(left));
    writeSync(fd, tail);
  } finally {
    closeSync(fd);
  }
}

afterAll(() => disposeMeasuredCli());

describe('JSON files too large to parse end in a clear error, under 1 GB', () => {
  let repo: { root: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    repo = await copyRepositoryContent();
  });
  afterAll(() => repo.cleanup());

  it('a 200 MB scenario is refused by its size, naming the file, without reading it', async () => {
    const file = 'scenarios/scenario_big.json';
    writeRepeated(path.join(repo.root, file), '{"id":"scenario_big","findings":[', '1,', 100 << 20, '1]}');
    try {
      const run = await runMeasuredCli(['validate', '--repo', repo.root], repo.root);
      expect(run.status).toBe(1);
      expect(run.stdout).toMatch(
        /scenarios\/scenario_big\.json\s+error\s+file is 209715\d+ bytes, larger than/,
      );
      expect(run.stderr).not.toMatch(/internal error/);
      expect(run.maxRssBytes).toBeLessThan(ONE_GB);
    } finally {
      await rm(path.join(repo.root, file));
    }
  }, 60_000);

  it('a lock of millions of tiny values is refused before it is parsed', async () => {
    const file = 'manifests/locks/mura.json';
    await mkdir(path.join(repo.root, 'manifests/locks'), { recursive: true });
    // 6 MB, far under the size limit, but more values than the limit.
    writeRepeated(
      path.join(repo.root, file),
      '{"format":1,"dataset":"mura","tools":{},"entries":[',
      '{},',
      MAX_JSON_VALUES / 2 + 10,
      '{}]}',
    );
    try {
      const run = await runMeasuredCli(['validate', '--repo', repo.root], repo.root);
      expect(run.status).toBe(1);
      expect(run.stdout).toContain(`${file}  error  file holds more than ${MAX_JSON_VALUES} JSON values`);
      expect(run.maxRssBytes).toBeLessThan(ONE_GB);
    } finally {
      await rm(path.join(repo.root, file));
    }
  }, 60_000);

  it('a lock just under the value limit gets one schema error located by line and column', async () => {
    const file = 'manifests/locks/mura.json';
    writeRepeated(
      path.join(repo.root, file),
      '{"format":1,"dataset":"mura","tools":{},"entries":[\n',
      '{},',
      MAX_JSON_VALUES / 2 - 10,
      '{}]}',
    );
    try {
      const run = await runMeasuredCli(['validate', '--repo', repo.root], repo.root);
      expect(run.status).toBe(1);
      // allErrors would report ~2 million errors; a large file stops at its first.
      const errors = run.stdout.split('\n').filter((l) => l.startsWith(file) && l.includes(' error '));
      expect(errors).toEqual([`${file}:2:1  error  missing required field "output"  [schema]`]);
      expect(run.maxRssBytes).toBeLessThan(ONE_GB);
    } finally {
      await rm(path.join(repo.root, file));
    }
  }, 60_000);
});

describe('review reads files from git and the work tree within the same limits', () => {
  it('a 200 MB scenario added in the work tree is reported unreadable, under 1 GB', async () => {
    const repo = await copyRepositoryContent();
    try {
      const git = (...args: string[]) =>
        execFileSync('git', args, { cwd: repo.root, env: { ...process.env, LC_ALL: 'C' } });
      git('init', '-q', '-b', 'main');
      git('add', '-A');
      git('-c', 'user.name=T', '-c', 'user.email=t@example.invalid', 'commit', '-q', '-m', 'base');
      const file = 'scenarios/scenario_big.json';
      writeRepeated(path.join(repo.root, file), '{"id":"scenario_big","findings":[', '1,', 100 << 20, '1]}');
      const run = await runMeasuredCli(['review', '--base', 'HEAD', '--format', 'json'], repo.root);
      expect(run.status, run.stderr).toBe(0);
      const report = JSON.parse(run.stdout) as {
        unreadable: { file: string; side: string; reason: string }[];
      };
      expect(report.unreadable).toEqual([
        {
          file,
          side: 'head',
          reason: `file is larger than the ${JSON_SIZE_LIMITS.scenario} bytes a scenario file may be`,
        },
      ]);
      expect(run.maxRssBytes).toBeLessThan(ONE_GB);
    } finally {
      await repo.cleanup();
    }
  }, 60_000);
});

describe('lock files read by regenerate and verify', () => {
  it('a lock over the size limit is an InputError naming it, not read', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cm-bounds-lock-'));
    try {
      writeRepeated(
        path.join(dir, 'mura.json'),
        '{"format":1,"dataset":"mura","tools":{},"entries":[',
        '"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",',
        JSON_SIZE_LIMITS.lock / 64 + 1,
        '""]}',
      );
      const error = await readDatasetLocks(dir, 'mura').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).code).toBe('lock-size');
      expect((error as InputError).message).toMatch(
        /^mura\.json: file is \d+ bytes, larger than the 67108864/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a lock with bad entries names the first one, without an issue per entry', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cm-bounds-lock-'));
    try {
      const entry = {
        output: 'a.png',
        source: { path: 'a.png', sha256: 'a'.repeat(64), size: 1 },
        recipe: {},
        recipe_sha256: 'a'.repeat(64),
        output_sha256: 'a'.repeat(64),
        pixels_sha256: 'a'.repeat(64),
        width: 1,
        height: 1,
        channels: 1,
      };
      const entries = [entry, entry, { ...entry, width: 0 }, ...Array.from({ length: 1000 }, () => 7)];
      await writeFile(
        path.join(dir, 'mura.json'),
        JSON.stringify({ format: 1, dataset: 'mura', tools: {}, entries }),
      );
      const error = await readDatasetLocks(dir, 'mura').catch((e: unknown) => e);
      expect((error as InputError).code).toBe('lock-schema');
      expect((error as InputError).message).toMatch(/^mura\.json: not a valid lock at entries\.2\.width/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('one load of a repository reads a bounded number of JSON bytes in all', () => {
  it('files past the shared budget are reported, not read', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cm-bounds-budget-'));
    try {
      await mkdir(path.join(dir, 'scenarios'));
      const text = `${JSON.stringify({ id: 'x', padding: 'p'.repeat(1000) })}\n`;
      for (const name of ['a', 'b', 'c']) await writeFile(path.join(dir, `scenarios/${name}.json`), text);
      const budget = jsonBudget(text.length * 2 + 10);
      const findings: Finding[] = [];
      const loaded = [];
      for (const name of ['a', 'b', 'c'])
        loaded.push(await loadJsonFile(dir, `scenarios/${name}.json`, 'scenario', findings, { budget }));
      expect(loaded.map((l) => l.doc !== undefined)).toEqual([true, true, false]);
      expect(findings.filter((f) => f.rule === 'json')).toEqual([
        {
          rule: 'json',
          severity: 'error',
          file: 'scenarios/c.json',
          message: `not read: the repository's JSON files add up to more than ${text.length * 2 + 10} bytes`,
        },
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('JsonDocument positions in a large document', () => {
  it('locates a value and a duplicate key past the full-map limit', () => {
    const filler = Array.from({ length: LARGE_JSON_CHARS / 4 }, (_, i) => i);
    const text = `{"filler":${JSON.stringify(filler)},\n"a":{"b":[1,\n  2]},"a":0}`;
    const parsed = JsonDocument.parse('big.json', text);
    if (!('doc' in parsed)) throw new Error('expected a document');
    expect(parsed.doc.isLarge).toBe(true);
    // The duplicate "a" is reported; JSON keeps the last, so /a/b/1 no longer exists in the value
    // but the scanner finds where it was written.
    expect(parsed.doc.structuralProblems().map((p) => p.line)).toEqual([3]);
    expect(parsed.doc.locate('/a/b/1')).toEqual({ line: 3, column: 3 });
    expect(parsed.doc.locateKey('/a')).toEqual({ line: 3, column: 7 });
  });
});
