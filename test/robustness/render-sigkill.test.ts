/**
 * The render CLI killed (SIGKILL) at seeded random moments of a batch: every PNG under its real name
 * in the output folder is whole (decodes to its full size), so a consumer never reads half an
 * image; the only leftovers a kill can leave are the writer's dot-named temporary files.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeDicom } from '../../actions/lib/synth/dicom/write-dicom.js';
import { imageElements } from '../dicom/synthetic-dicom.js';
import { CLI_BIN, ensureBuiltCli } from './built-cli.js';
import { prng } from './corpus/mutate.js';

const dir = mkdtempSync(path.join(tmpdir(), 'cm-render-sigkill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(() => ensureBuiltCli(), 300_000);

const ROUNDS = 6;
const SIZE = 512;
/** The atomic writers name their temporary files with a leading dot (`.ct00.png.tmp-…`, `.ct00.png.PID.tmp`). */
const TEMP_FILE = /^\./;

function render(names: string[], cwd: string, out: string): ChildProcess {
  const args = [CLI_BIN, 'render', 'dicom', ...names, '--out-dir', out, '--jobs', '2'];
  return spawn(process.execPath, args, { cwd, stdio: 'ignore' });
}

const exit = (child: ChildProcess) => new Promise<void>((resolve) => child.on('exit', () => resolve()));

describe('render batch under SIGKILL', () => {
  it(`leaves only whole PNGs under their real names at ${ROUNDS} kill moments`, async () => {
    const sources = path.join(dir, 'sources');
    mkdirSync(sources);
    const names: string[] = [];
    for (let i = 0; i < 40; i++) {
      const name = `ct${String(i).padStart(2, '0')}.dcm`;
      const pixels = Uint16Array.from({ length: SIZE * SIZE }, (_, p) => ((p >> 3) * (i + 1)) % 4096);
      const elements = imageElements({ rows: SIZE, columns: SIZE, bitsStored: 12 });
      writeFileSync(path.join(sources, name), encodeDicom({ elements, pixelData: pixels }));
      names.push(name);
    }
    // An undisturbed run says how long the batch takes; the kills fall anywhere in it.
    const started = Date.now();
    await exit(render(names, sources, path.join(dir, 'out-whole')));
    const fullRunMs = Date.now() - started;
    expect(readdirSync(path.join(dir, 'out-whole')).length).toBe(names.length);

    const random = prng(20261129);
    let killed = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const out = path.join(dir, `out-${round}`);
      const child = render(names, sources, out);
      const exited = exit(child);
      await new Promise((r) => setTimeout(r, Math.floor(random() * fullRunMs)));
      if (child.kill('SIGKILL')) killed++;
      await exited;
      if (!existsSync(out)) continue; // killed before it made the folder
      for (const file of readdirSync(out).filter((f) => !TEMP_FILE.test(f))) {
        expect(file, `round ${round}`).toMatch(/^ct\d+\.png$/);
        const { info } = await sharp(path.join(out, file)).raw().toBuffer({ resolveWithObject: true });
        expect([info.width, info.height], `round ${round}: ${file}`).toEqual([SIZE, SIZE]);
      }
    }
    expect(killed).toBeGreaterThan(ROUNDS / 2);
  }, 120_000);
});
