/**
 * Property: the workflow policy (run on pull requests, over files a pull request may change) checks
 * any damaged workflow — YAML anchors and alias bombs, merge keys, tags, tabs, deep flow nesting,
 * cut text — without throwing and within a time bound, reporting findings with positions.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { checkWorkflowFiles } from '../../actions/lib/workflow-policy/check-workflow-files.js';
import { REPO_ROOT } from './built-cli.js';
import { prng, type Random } from './corpus/mutate.js';

const context = { defaultBranches: ['main'], protectedDirs: ['outputs', 'data'] };
const WORKFLOWS = ['ci.yml', 'regenerate.yml', 'validate.yml'].map((name) =>
  readFileSync(path.join(REPO_ROOT, '.github/workflows', name), 'utf8'),
);
const root = mkdtempSync(path.join(tmpdir(), 'cm-workflow-property-'));
mkdirSync(path.join(root, '.github/workflows'), { recursive: true });
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A billion-laughs document: each anchor holds ten aliases of the one before. */
const ALIAS_BOMB = [
  'on: pull_request',
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(10).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
  'jobs: { x: { runs-on: ubuntu-latest, steps: [ { run: *i } ] } }',
].join('\n');

const YAML_TOKENS = [
  '&a ',
  '*a',
  '<<: *a\n',
  '!!binary ',
  '!!js/function ',
  '%YAML 1.1\n',
  '---\n',
  '...\n',
  '\t',
  '? ',
  ': ',
  '- ',
  '{',
  '}',
  '[',
  ']',
  '|\n',
  '>-\n',
  '"',
  "'",
  '#',
  '${{ github.event.pull_request.title }}',
  'pull_request_target',
  'runs-on: self-hosted\n',
  '\ufeff',
  '\0',
];

function mutateYaml(text: string, random: Random): string {
  let out = text;
  for (let m = 0, n = 1 + Math.floor(random() * 4); m < n; m++) {
    const at = Math.floor(random() * (out.length + 1));
    const roll = random();
    if (roll < 0.5)
      out = out.slice(0, at) + YAML_TOKENS[Math.floor(random() * YAML_TOKENS.length)] + out.slice(at);
    else if (roll < 0.7) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(random() * 30));
    else if (roll < 0.8) out = out.slice(0, at);
    else if (roll < 0.9) out = `${out.slice(0, at)}${'['.repeat(5000)}${out.slice(at)}`;
    else out = `${ALIAS_BOMB}\n${out}`;
  }
  return out;
}

describe('workflow policy under seeded mutation (property)', () => {
  it('an alias bomb is checked quickly', async () => {
    writeFileSync(path.join(root, '.github/workflows/bomb.yml'), ALIAS_BOMB);
    const findings = await checkWorkflowFiles(root, ['.github/workflows/bomb.yml'], context);
    expect(Array.isArray(findings)).toBe(true);
  });

  it('never throws on a damaged workflow and reports positions', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(WORKFLOWS.length - 1), fc.integer(), async (which, mutation) => {
        const file = '.github/workflows/mutated.yml';
        writeFileSync(path.join(root, file), mutateYaml(WORKFLOWS[which]!, prng(mutation)));
        const findings = await checkWorkflowFiles(root, [file], context);
        for (const f of findings) {
          expect(f.file).toBe(file);
          if (f.line !== undefined) expect(f.line).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 400, seed: 20261127 },
    );
  }, 60_000);
});

/**
 * Property: the three-valued evaluation of a job condition is sound. Whatever concrete values the
 * unknown leaves (what an outsider writes) take, GitHub's own evaluator never disagrees with a
 * definite true or false; and with no unknown leaf, both agree exactly.
 */
describe('three-valued conditions agree with GitHub’s evaluator (property)', () => {
  const LEAVES = [
    'github.event_name',
    'github.ref',
    'github.event.repository.default_branch',
    'github.event.pull_request.title',
    'github.event.pull_request.head.repo.fork',
    'github.head_ref',
    "github['event']['pull_request']['number']",
    'github.event.inputs.flag',
    'github.ref_name',
  ];
  const LITERALS = [
    "'schedule'",
    "'Schedule'",
    "'refs/heads/main'",
    "''",
    '0',
    '1',
    'true',
    'false',
    'null',
    "'1'",
  ];
  const FUNCTIONS = [
    (a: string, b: string) => `startsWith(${a}, ${b})`,
    (a: string, b: string) => `contains(${a}, ${b})`,
    (a: string, b: string) => `endsWith(${a}, ${b})`,
    (a: string, b: string) => `format('{0}/{1}', ${a}, ${b})`,
    (a: string) => `toJSON(${a})`,
    (a: string) => `fromJSON(toJSON(${a}))`,
  ];
  const expression = fc.letrec<{ e: string }>((tie) => ({
    e: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom(...LEAVES, ...LITERALS),
      fc
        .tuple(tie('e'), fc.constantFrom('==', '!=', '<', '>=', '&&', '||'), tie('e'))
        .map(([a, op, b]) => `(${a} ${op} ${b})`),
      tie('e').map((a) => `!(${a})`),
      fc.tuple(fc.nat(FUNCTIONS.length - 1), tie('e'), tie('e')).map(([i, a, b]) => FUNCTIONS[i]!(a, b)),
    ),
  })).e;
  const concrete = fc.constantFrom<unknown>(
    '',
    'main',
    'schedule',
    'refs/heads/main',
    'x',
    0,
    1,
    2.5,
    true,
    false,
    null,
  );

  it('never contradicts a concrete evaluation', async () => {
    const { evaluateText, OtherThan, UNKNOWN } = await import(
      '../../actions/lib/workflow-policy/expression-eval.js'
    );
    const { Evaluator, Lexer, Parser, data } = await import('@actions/expressions');
    const { truthy } = await import('@actions/expressions/result');
    let decided = 0;
    fc.assert(
      fc.property(
        expression,
        fc.array(concrete, { minLength: 4, maxLength: 4 }),
        // Another branch: any non-empty name but the default branch's.
        fc.constantFrom('feature', 'MAIN-x', 'mai', '1', 'schedule', 'refs/heads/main'),
        (text, values, refName) => {
          const withUnknown = {
            github: {
              event_name: 'schedule',
              ref: 'refs/heads/main',
              ref_name: new OtherThan(['main']),
              head_ref: UNKNOWN,
              event: {
                repository: { default_branch: 'main' },
                inputs: { flag: UNKNOWN },
                pull_request: { title: UNKNOWN, number: UNKNOWN, head: { repo: { fork: UNKNOWN } } },
              },
            },
          };
          const filled = {
            event_name: 'schedule',
            ref: 'refs/heads/main',
            ref_name: refName,
            head_ref: values[0],
            event: {
              repository: { default_branch: 'main' },
              inputs: { flag: values[1] },
              pull_request: { title: values[2], number: values[3], head: { repo: { fork: values[0] } } },
            },
          };
          let expected: boolean;
          try {
            const tree = new Parser(new Lexer(text).lex().tokens, ['github'], []).parse();
            const context = new data.Dictionary({
              key: 'github',
              value: JSON.parse(JSON.stringify(filled), data.reviver),
            });
            const result = new Evaluator(tree, context).evaluate();
            expected = truthy(result);
          } catch {
            return; // GitHub fails such a run (bad fromJSON): nothing to compare
          }
          const three = evaluateText(text, withUnknown as never);
          if (three === 'unknown') return;
          decided++;
          expect(three).toBe(expected);
        },
      ),
      { numRuns: 3000, seed: 20261206 },
    );
    // Most random conditions get a definite answer: the property is not vacuous.
    expect(decided).toBeGreaterThan(1000);
  }, 60_000);
});
