// The harness itself: what it sets and reads the way the runner does, checked with a small action
// written here (so a harness bug cannot hide behind one of the real actions).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capSummary } from '../../actions/lib/action/summary-cap.js';
import { inputEnvironment, inputVariable } from '../helpers/runner/action-inputs.js';
import { parseFileCommand } from '../helpers/runner/file-commands.js';
import { NODE_RUNTIMES } from '../helpers/runner/node-runtimes.js';
import { runAction, STEP_SUMMARY_LIMIT } from '../helpers/runner/run-action.js';
import { applyMasks, parseWorkflowCommands } from '../helpers/runner/workflow-commands.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cm-probe-action-'));
  await mkdir(path.join(dir, 'action'));
  await writeFile(
    path.join(dir, 'action/action.yml'),
    [
      'name: probe',
      'inputs:',
      '  summary-bytes: {default: "10"}',
      '  no default: {}',
      '  token: {default: "${{ github.token }}"}',
      'runs: {using: node24, main: probe.mjs}',
      '',
    ].join('\n'),
  );
  await writeFile(
    path.join(dir, 'action/probe.mjs'),
    `import { appendFileSync } from 'node:fs';
const env = process.env;
console.log('::add-mask::' + env.INPUT_TOKEN);
console.log('token is ' + env.INPUT_TOKEN);
appendFileSync(env.GITHUB_OUTPUT, 'version=' + process.version + '\\nhome<<EOF\\n' + env.HOME + '\\nEOF\\n');
appendFileSync(env.GITHUB_OUTPUT, 'inputs=' + Object.keys(env).filter((k) => k.startsWith('INPUT_')).sort().join(',') + '\\n');
appendFileSync(env.GITHUB_STEP_SUMMARY, 'x'.repeat(Number(env['INPUT_SUMMARY-BYTES'])));
console.log('::error file=a%2Cb.json,line=3,title=t::bad%0Anews');
`,
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe.each(NODE_RUNTIMES)('the runner harness, on %s', (node) => {
  it('runs the Node asked for with every declared input, masks, outputs and annotations', async () => {
    const run = await runAction({
      action: path.join(dir, 'action'),
      workspace: dir,
      node,
      token: 'ghs_probe_secret',
    });
    expect(run.code).toBe(0);
    expect(run.outputs.version).toMatch(node === 'node20' ? /^v20\./ : /^v24\./);
    expect(run.outputs.inputs).toBe('INPUT_NO_DEFAULT,INPUT_SUMMARY-BYTES,INPUT_TOKEN');
    expect(run.outputs.home).not.toBe(process.env.HOME);
    expect(run.log).toContain('token is ***');
    expect(run.log).not.toContain('ghs_probe_secret');
    expect(run.annotations).toEqual([
      { kind: 'error', file: 'a,b.json', line: 3, title: 't', message: 'bad\nnews' },
    ]);
    expect(run.summary).toBe('x'.repeat(10));
  });
});

it('drops a step summary over 1 MiB, as the runner does', async () => {
  const over = await runAction({
    action: path.join(dir, 'action'),
    workspace: dir,
    inputs: { 'summary-bytes': String(STEP_SUMMARY_LIMIT + 1) },
  });
  expect(over.summaryDropped).toBe(true);
  expect(over.summary).toBe('');
  const at = await runAction({
    action: path.join(dir, 'action'),
    workspace: dir,
    inputs: { 'summary-bytes': String(STEP_SUMMARY_LIMIT) },
  });
  expect(at.summaryDropped).toBe(false);
});

it('names input variables as the runner does and refuses an undeclared input', () => {
  expect(inputVariable('max-annotations')).toBe('INPUT_MAX-ANNOTATIONS');
  expect(inputVariable('no default')).toBe('INPUT_NO_DEFAULT');
  const meta = { inputs: { a: {}, b: { default: 'x' } }, outputs: {}, runs: { using: 'node24', main: 'm' } };
  expect(inputEnvironment(meta, {}, { token: '' })).toEqual({ INPUT_A: '', INPUT_B: 'x' });
  expect(() => inputEnvironment(meta, { c: '1' }, { token: '' })).toThrow('input c is not declared');
});

it('reads file commands and workflow commands', () => {
  expect(parseFileCommand('a=1\nb<<ghadelimiter_1\nx\ny\nghadelimiter_1\n')).toEqual({ a: '1', b: 'x\ny' });
  expect(() => parseFileCommand('b<<END\nx\n')).toThrow('no closing delimiter');
  const commands = parseWorkflowCommands('::add-mask::s3cr3t\n::warning::w\nplain\n');
  expect(commands.masks).toEqual(['s3cr3t']);
  expect(applyMasks('a s3cr3t b', commands.masks)).toBe('a *** b');
});

it('capSummary cuts at a line break below the budget and says how much was cut', () => {
  const text = Array.from({ length: 100 }, (_, i) => `line ${i} ✓`).join('\n');
  const capped = capSummary(text, (cut) => `cut ${cut} bytes`, 200);
  expect(Buffer.byteLength(capped)).toBeLessThanOrEqual(200);
  expect(capped).toMatch(/\n\ncut \d+ bytes\n$/);
  expect(capped.split('\n')[0]).toBe('line 0 ✓');
  expect(capSummary('short', () => 'never', 200)).toBe('short');
});
