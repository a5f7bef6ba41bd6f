/**
 * Attacks written by an adversary who had not seen the policy's own corpus; each got a green guard
 * before. Each must now be an error of its rule, naming its file, on the line that carries it.
 */
import { describe, expect, it } from 'vitest';
import { checkFiles, errorsOf, lineOf } from './policy-check.js';
import { unseenCases } from './unseen-cases.js';

describe('attacks unseen by the policy authors', () => {
  const cases = unseenCases();
  it('ids are unique', () => {
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });
  for (const c of cases) {
    it(`${c.id}: ${c.why}`, async () => {
      const errors = errorsOf(await checkFiles(c.files));
      const line = lineOf(c.files[c.file]!, c.marker);
      expect(errors.filter((e) => e.rule === c.rule && e.file === c.file).map((e) => e.line)).toContain(line);
      // GitHub reads each file as valid: the attack is in what it means, not in a syntax error.
      expect(errors.filter((e) => e.rule === 'workflow/github-parse' || e.rule === 'workflow/yaml')).toEqual(
        [],
      );
    });
  }

  it('a .YML workflow is judged like a .yml one', async () => {
    const text =
      'on: pull_request\npermissions:\n  contents: read\njobs:\n  t:\n    runs-on: self-hosted\n    steps:\n      - run: make\n';
    const errors = errorsOf(await checkFiles({ '.github/workflows/gpu.YML': text }));
    expect(errors.map((e) => [e.rule, e.file])).toContainEqual([
      'workflow/self-hosted-trigger',
      '.github/workflows/gpu.YML',
    ]);
  });
});
