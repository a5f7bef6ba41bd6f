/**
 * Every command line of a shell block in README.md and actions/*\/README.md, found when the test
 * runs, is either run as written (bash, in a fresh copy of the repository, in README order, with the
 * exit code its comment states, else 0) or listed here with the reason it is not. A line that matches
 * no rule fails the test, so a new snippet is never skipped silently.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CommandLine, codeBlocks, commandLines, readmeFiles } from './code-blocks.js';
import { type FreshCopy, freshCopy } from './fresh-copy.js';

/**
 * `run: true` runs in a fresh copy; `run: 'data-root'` in a fresh copy whose `~/data` is a synthetic data
 * root in every dataset's real layout (`synth --out ~/data`), as a runner holding the data has it.
 */
type Rule = { pattern: RegExp; run: true | 'data-root' } | { pattern: RegExp; reason: string };

/** First match decides. Not-run rules name why; run rules are commands safe in a temp copy. */
const RULES: Rule[] = [
  {
    pattern: /\.\.\.|<…>|<[A-Za-z][^>]*>/,
    reason: 'holds placeholders (`...`, `<…>`) the reader fills in: not a command as written',
  },
  {
    pattern: /^(?:sudo )?apt-get install\b/,
    reason: 'needs root and the Debian mirror; .ci/run runs this exact line',
  },
  {
    pattern: /^npm ci\b/,
    reason: 'npm ci downloads from the registry and replaces node_modules; .ci/run and the CI jobs run it',
  },
  {
    pattern: /^npm run fetch-public-images$/,
    reason: 'downloads two npm tarballs from the registry; .ci/run runs this exact line after npm ci',
  },
  { pattern: /^npm start$/, reason: 'the whole demo; test/demo runs it' },
  { pattern: /^npm test$/, reason: 'the whole test suite; the CI test job runs it on Node 20 and 24' },
  {
    pattern: /^npm run (?:typecheck|lint)(?:\s|$)/,
    reason: 'tsc and biome over the whole project; the CI checks job runs this line',
  },
  {
    pattern: /^npm run (?:build|check-dist)$/,
    reason:
      'rebuilds every bundle; the CI checks job runs it (the copy gets its CLI bundle the same way, esbuild)',
  },
  {
    pattern: /^npm run (?:bench|fuzz)$/,
    reason: 'minutes of CPU and timing figures: `npm run bench` is not a test',
  },
  { pattern: /^npx clinical-manifests regenerate --data-root ~\/data\b/, run: 'data-root' },
  {
    pattern: /^(?:npx )?clinical-manifests (?:regenerate|verify|render)\b/,
    reason:
      'needs a data root holding the licensed data (or sources to render); test/regenerate and test/verify run them on a synthetic root',
  },
  {
    pattern: /^npm install --save-dev clinical-manifests\b/,
    reason:
      'installs from the npm registry; test/adoption installs the packed tarball instead and runs the same path',
  },
  {
    pattern:
      /^npx clinical-manifests (?:init|scenarios import|synth --images && npx clinical-manifests citations)\b/,
    reason:
      "the adoption path, in the team's own benchmark repository: test/adoption/packed-tarball.test.ts runs init, import, synth and citations there",
  },
  {
    pattern: /^(?:npx )?clinical-manifests (?:scan-text|review-images)\b/,
    reason: "needs frames (or a runner's outputs) to scan; test/text-scan runs both on frames made by code",
  },
  { pattern: /^npm run lint-workflows$/, run: true },
  { pattern: /^node scripts\/clinical-manifests\.js (?:schemas|citations) --check$/, run: true },
  {
    pattern:
      /^(?:npx )?clinical-manifests (?:--help|\S+ --help|validate\b|guard\b|review\b|datasets (?:list|info|prepare|check)\b|schemas --check|citations --check|synth --images --check|scenarios export\b)/,
    run: true,
  },
];

const lines: CommandLine[] = readmeFiles()
  .flatMap(codeBlocks)
  .filter((b) => ['sh', 'bash', 'shell', 'console'].includes(b.lang))
  .flatMap(commandLines);

const ruleOf = (line: CommandLine) => RULES.find((r) => r.pattern.test(line.command));

/** `exit 1` in the line's comment: the README promises that code. */
const expectedCode = (line: CommandLine) => Number(/\bexit (\d+)\b/.exec(line.comment)?.[1] ?? 0);

describe('README shell commands', () => {
  it('there are commands, and every one is run or has a stated reason not to be', () => {
    expect(lines.length).toBeGreaterThanOrEqual(10);
    expect(lines.filter((l) => !ruleOf(l)).map((l) => `${l.where}: ${l.command}`)).toEqual([]);
    expect(lines.filter((l) => ruleOf(l) && 'run' in ruleOf(l)!).length).toBeGreaterThanOrEqual(5);
  });

  for (const line of lines) {
    const rule = ruleOf(line);
    if (rule && 'reason' in rule)
      it(`${line.where} not run: ${line.command} — ${rule.reason}`, () => {
        expect(rule.reason.length).toBeGreaterThan(10);
      });
  }

  for (const mode of [true, 'data-root'] as const)
    describe(
      mode === true ? 'run as written in a fresh copy' : 'run as written with ~/data a synthetic data root',
      () => {
        let copy: FreshCopy;
        beforeAll(async () => {
          copy = await freshCopy();
          if (mode === 'data-root') {
            const synth = spawnSync(
              'npx',
              ['clinical-manifests', 'synth', '--out', path.join(copy.home, 'data')],
              {
                cwd: copy.root,
                env: copy.env,
                encoding: 'utf8',
              },
            );
            expect(synth.status, synth.stderr).toBe(0);
          }
        }, 240_000);
        afterAll(async () => copy?.cleanup());

        for (const line of lines.filter((l) => {
          const rule = ruleOf(l);
          return rule && 'run' in rule && rule.run === mode;
        }))
          it(`${line.where}: ${line.command}`, () => {
            const result = spawnSync('bash', ['-c', line.command], {
              cwd: copy.root,
              env: copy.env,
              encoding: 'utf8',
              timeout: 180_000,
            });
            const output = `${result.stdout}${result.stderr}`;
            expect(result.error, output).toBeUndefined();
            expect([result.status, output.slice(-2000)]).toEqual([expectedCode(line), expect.any(String)]);
            expect(output.trim().length, 'says something').toBeGreaterThan(0);
            // Errors are sentences, not stack traces (`--debug` is never written in the README).
            expect(output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
          }, 200_000);
      },
    );
});
