import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { parseLock } from '../../actions/lib/locks/lock-format.js';
import { silentLogger } from '../../actions/lib/logger.js';
import { createDefaultRenderer } from '../../actions/lib/regenerate/default-renderer.js';
import { pixelsSha256 } from '../../actions/lib/render/encode-png.js';
import { decodePng } from '../../actions/lib/text-scan/decode-png.js';
import { scanImages } from '../../actions/lib/text-scan/scan-file.js';
import { verifyLocks } from '../../actions/lib/verify/verify.js';
import {
  lockBytes,
  makeWorkspace,
  regenerateIn,
  type Workspace,
  writeSource,
} from '../regenerate/workspace.js';
import { frameWithText, MACHINE_FRAME, NAME_FRAME } from './frames.js';

let ws: Workspace;
afterEach(() => ws?.cleanup());

const DATASET = 'echo-frames';
const NAMED = `bulk/${DATASET}/images/named.png.png`;
const MACHINE = `bulk/${DATASET}/images/machine.png.png`;

function writeSelection(recipe: Record<string, unknown>) {
  const selection = {
    id: `${DATASET}-all`,
    dataset: DATASET,
    include: ['images/**/*.png'],
    recipe,
    output_dir: `bulk/${DATASET}`,
  };
  writeFileSync(
    path.join(ws.repo, `manifests/selections/${DATASET}-all.json`),
    `${JSON.stringify(selection, null, 2)}\n`,
  );
}

function writePolicy(reviewed: { output: string; pixels_sha256: string; reason: string }[]) {
  const policy = {
    intended_use: ['non_commercial_research'],
    repository_visibility: 'private',
    output_dirs: ['outputs'],
    reviewed_burned_in_text: reviewed,
  };
  writeFileSync(path.join(ws.repo, 'manifests/policy.json'), `${JSON.stringify(policy, null, 2)}\n`);
}

const entries = () => parseLock(lockBytes(ws).get(`${DATASET}.json`)!, `${DATASET}.json`).entries;

it('fails an output with a burned-in name, passes it when reviewed for these pixels, redacts it when the recipe asks', async () => {
  ws = makeWorkspace({ dataset: DATASET, files: 0 });
  writeSelection({ kind: 'image' });
  const named = await frameWithText(NAME_FRAME);
  writeSource(ws, 'images/named.png', named);
  writeSource(ws, 'images/machine.png', await frameWithText(MACHINE_FRAME));
  const renderer = createDefaultRenderer(1);
  try {
    const run = () => regenerateIn(ws, { renderer, jobs: 1, logger: silentLogger });

    // 1. Identifying text: a failed item, never written; the reason names categories, not words.
    const first = await run();
    expect(first.counts[DATASET]).toMatchObject({ added: 1, failed: 1 });
    expect(first.failures[0]!.output).toBe(NAMED);
    expect(first.failures[0]!.reason).toMatch(/identifying burned-in text \((?=.*name)(?=.*id)/);
    expect(first.failures[0]!.reason).not.toMatch(/HALVORSEN|GRETA|5530917/i);
    expect(existsSync(path.join(ws.out, NAMED))).toBe(false);
    const machineEntry = entries().find((e) => e.output === MACHINE)!;
    expect(machineEntry.text_scan).toMatchObject({ engine: 'tesseract-wasm', identifying_regions: 0 });
    expect(machineEntry.text_scan!.text_regions).toBeGreaterThan(0);
    expect(machineEntry.text_scan!.categories).toEqual(expect.arrayContaining(['depth', 'ultrasound-index']));

    // 2. A review bound to other pixels does not count; one bound to these pixels does.
    writePolicy([{ output: NAMED, pixels_sha256: '0'.repeat(64), reason: 'reviewed another image' }]);
    expect((await run()).counts[DATASET]!.failed).toBe(1);
    const pixels = pixelsSha256(await decodePng(named));
    writePolicy([{ output: NAMED, pixels_sha256: pixels, reason: 'test: a made-up name' }]);
    const reviewed = await run();
    expect(reviewed.counts[DATASET]).toMatchObject({ added: 1, failed: 0 });
    expect(entries().find((e) => e.output === NAMED)!.text_scan).toMatchObject({ reviewed: true });

    // 3. redact: "text" fills the regions, scans again, and the lock says so; verify re-applies it.
    writePolicy([]);
    writeSelection({ kind: 'image', redact: 'text' });
    const redacted = await run();
    expect(redacted.counts[DATASET]!.failed).toBe(0);
    const entry = entries().find((e) => e.output === NAMED)!;
    expect(entry.recipe).toMatchObject({ redact: 'text' });
    expect(entry.text_scan).toMatchObject({ identifying_regions: 0 });
    expect(entry.text_scan!.redacted_regions).toBeGreaterThanOrEqual(1);
    const written = readFileSync(path.join(ws.out, NAMED));
    expect(pixelsSha256(await decodePng(written))).toBe(entry.pixels_sha256);
    expect((await scanImages([await decodePng(written)])).identifying).toBe(false);
    const verified = await verifyLocks({
      repoRoot: ws.repo,
      dataRoot: ws.data,
      renderer,
      logger: silentLogger,
    });
    expect(verified.drift).toEqual([]);
  } finally {
    await renderer.close?.();
  }
}, 120_000);
