import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rerunWithFewArenas } from '../../scripts/malloc-arenas.js';

const dir = mkdtempSync(path.join(tmpdir(), 'cm-arenas-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Stands in for the CLI bundle: records what it was run with, then exits 7 (or waits for a signal). */
const script = path.join(dir, 'cli.mjs');
const report = path.join(dir, 'report.json');
writeFileSync(
  script,
  `import { writeFileSync } from 'node:fs';
const record = (how) => writeFileSync(${JSON.stringify(report)}, JSON.stringify({ argv: process.argv.slice(2), arenas: process.env.MALLOC_ARENA_MAX, how }));
if (process.argv.includes('--wait')) {
  process.on('SIGTERM', () => { record('SIGTERM'); process.exit(143); });
  setInterval(() => {}, 1000);
  record('waiting');
} else { record('ran'); process.exit(7); }
`,
);

describe.skipIf(process.platform !== 'linux')('long-running commands run with two malloc arenas', () => {
  it('runs regenerate and verify again with MALLOC_ARENA_MAX=2 and passes on the exit code', async () => {
    const env = { ...process.env, MALLOC_ARENA_MAX: undefined };
    for (const command of ['regenerate', 'verify']) {
      expect(await rerunWithFewArenas(script, [command, '--jobs', '2'], env)).toBe(7);
      expect(JSON.parse(readFileSync(report, 'utf8'))).toEqual({
        argv: [command, '--jobs', '2'],
        arenas: '2',
        how: 'ran',
      });
    }
  });

  it('leaves short commands, and a value the user set, to the process itself', async () => {
    const env = { ...process.env, MALLOC_ARENA_MAX: undefined };
    expect(await rerunWithFewArenas(script, ['validate'], env)).toBeUndefined();
    expect(await rerunWithFewArenas(script, [], env)).toBeUndefined();
    expect(
      await rerunWithFewArenas(script, ['regenerate'], { ...env, MALLOC_ARENA_MAX: '8' }),
    ).toBeUndefined();
  });

  it('forwards a termination signal to the run doing the work', async () => {
    const env = { ...process.env, MALLOC_ARENA_MAX: undefined };
    rmSync(report, { force: true });
    const running = rerunWithFewArenas(script, ['regenerate', '--wait'], env);
    // Once the child has its handler, signal this process as a runner's cancel would.
    while (!existsSync(report)) await new Promise((resolve) => setTimeout(resolve, 20));
    const listeners = process.listeners('SIGTERM');
    expect(listeners.length).toBeGreaterThan(0);
    for (const listener of listeners) (listener as () => void)();
    expect(await running).toBe(143);
    expect(JSON.parse(readFileSync(report, 'utf8')).how).toBe('SIGTERM');
    expect(process.listeners('SIGTERM')).not.toContain(listeners.at(-1));
  });
});

describe.skipIf(process.platform !== 'linux')('the bin', () => {
  it('runs verify in a second process with MALLOC_ARENA_MAX=2, and validate in one', async () => {
    const { spawnSync } = await import('node:child_process');
    const { REPO_ROOT } = await import('../helpers/repository-copy.js');
    const hook = path.join(dir, 'record-env.mjs');
    const log = path.join(dir, 'processes.log');
    writeFileSync(
      hook,
      `import { appendFileSync } from 'node:fs';\nappendFileSync(${JSON.stringify(log)}, (process.env.MALLOC_ARENA_MAX ?? '-') + '\\n');\n`,
    );
    const bin = path.join(REPO_ROOT, 'scripts/clinical-manifests.js');
    const run = (args: string[]) => {
      rmSync(log, { force: true });
      const r = spawnSync(process.execPath, ['--import', hook, bin, ...args], {
        encoding: 'utf8',
        env: { ...process.env, MALLOC_ARENA_MAX: undefined as unknown as string },
      });
      return { status: r.status, processes: readFileSync(log, 'utf8').trim().split('\n') };
    };
    expect(run(['verify', '--help'])).toEqual({ status: 0, processes: ['-', '2'] });
    expect(run(['validate', '--help'])).toEqual({ status: 0, processes: ['-'] });
  });
});
