import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { scanFile } from '../../actions/lib/text-scan/scan-file.js';
import { makeCorpus } from './corpus.js';

const dir = mkdtempSync(path.join(tmpdir(), 'cm-text-holdout-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The bar, on frames the scanner was not tuned on: the "holdout2" set uses fonts, names,
 * institutions, positions and a seed that the tuning set ("tune") does not. 120 frames: 60 with
 * identifying text, 30 with machine annotations only, 30 without text; PNG, JPEG, DICOM, AVI, MP4;
 * 112×112 to 1024×768; 6–18 px text in white, yellow, green, cyan, grey and orange; over black and
 * over speckle.
 */
it('flags ≥ 95 % of frames with identifying text, no text-free frame, ≤ 5 % of machine-annotation frames', async () => {
  const corpus = makeCorpus(dir, 'holdout2');
  const flagged = { identifying: 0, machine: 0, none: 0 };
  const total = { identifying: 0, machine: 0, none: 0 };
  for (const item of corpus) {
    const scan = await scanFile(path.join(dir, item.file), item.kind);
    total[item.label]++;
    if (scan.identifying) flagged[item.label]++;
  }
  expect(total).toEqual({ identifying: 60, machine: 30, none: 30 });
  expect(flagged.identifying / total.identifying).toBeGreaterThanOrEqual(0.95);
  expect(flagged.none).toBe(0);
  expect(flagged.machine / total.machine).toBeLessThanOrEqual(0.05);
}, 300_000);
