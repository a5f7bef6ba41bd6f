import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { committedCopy, git } from '../guard/helpers/git-repository.js';
import { runCliCaptured } from '../helpers/run-cli.js';
import { frameWithText, MACHINE_FRAME, NAME_FRAME } from './frames.js';

const dir = mkdtempSync(path.join(tmpdir(), 'cm-review-images-'));
const outputs = path.join(dir, 'outputs');
const page = path.join(dir, 'review.html');
let run: Awaited<ReturnType<typeof runCliCaptured>>;

beforeAll(async () => {
  mkdirSync(path.join(outputs, 'bulk/echo'), { recursive: true });
  writeFileSync(path.join(outputs, 'bulk/echo/named.png'), await frameWithText(NAME_FRAME));
  writeFileSync(path.join(outputs, 'bulk/echo/machine.png'), await frameWithText(MACHINE_FRAME));
  writeFileSync(path.join(outputs, 'blank.png'), await frameWithText([]));
  run = await runCliCaptured(['review-images', '--outputs', outputs, '--out', page], { cwd: dir });
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function chromium(args: string[]) {
  // In a network namespace of its own (unshare -n): whatever Chromium tries, nothing leaves the machine;
  // its own background services are switched off so the network log shows only what the page asks for.
  return spawnSync(
    'unshare',
    [
      '-n',
      'chromium',
      '--headless',
      '--disable-sync',
      '--disable-extensions',
      '--disable-default-apps',
      '--disable-spell-checking',
      '--disable-domain-reliability',
      '--disable-client-side-phishing-detection',
      '--disable-breakpad',
      '--no-pings',
      '--metrics-recording-only',
      '--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider,NetworkTimeServiceQuerying,AutofillServerCommunication,CertificateTransparencyComponentUpdater,SpellcheckService',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      `--user-data-dir=${path.join(dir, 'profile')}`,
      ...args,
      `file://${page}`,
    ],
    { encoding: 'utf8', timeout: 90_000 },
  );
}

it('writes one page with the flagged output only, and the policy entry to paste', () => {
  expect(run.code).toBe(1);
  expect(run.stdout).toMatch(/^1 of 3 output\(s\) flagged/);
  const html = readFileSync(page, 'utf8');
  expect(html).toContain('"output": "bulk/echo/named.png"');
  expect(html).toMatch(/"pixels_sha256": "[0-9a-f]{64}"/);
  expect(html).not.toMatch(/https?:\/\/|HALVORSEN|5530917/);
});

it('opens from disk in headless Chromium: every flagged frame, its boxes, and no network request', () => {
  const netlog = path.join(dir, 'netlog.json');
  const dom = chromium(['--dump-dom', `--log-net-log=${netlog}`]);
  expect(dom.status, dom.stderr).toBe(0);
  const frames = dom.stdout.match(/<section class="frame"[^>]*data-output="([^"]+)"/g) ?? [];
  expect(frames).toHaveLength(1);
  expect(frames[0]).toContain('bulk/echo/named.png');
  expect((dom.stdout.match(/<rect class="box identifying"/g) ?? []).length).toBeGreaterThanOrEqual(1);
  expect(dom.stdout).toMatch(/<img [^>]*src="data:image\/png;base64,/);
  // Chromium's own network log: the page asked for nothing but itself (file:) and its data: image.
  const urls = [...readFileSync(netlog, 'utf8').matchAll(/"url":"([^"]+)"/g)].map((m) => m[1]!);
  // Chromium's component updater still asks for update.googleapis.com despite --disable-component-update
  // (it cannot leave the namespace); it is the browser's own request, not the page's.
  const browserOwn = /^https?:\/\/update\.googleapis\.com\//;
  expect(urls.filter((u) => /^(https?|wss?|ftp):/i.test(u) && !browserOwn.test(u))).toEqual([]);
}, 120_000);

it('draws the boxes over the frame (screenshot)', async () => {
  const shot = path.join(dir, 'shot.png');
  const r = chromium([`--screenshot=${shot}`, '--window-size=900,700', '--hide-scrollbars']);
  expect(r.status, r.stderr).toBe(0);
  const { data, info } = await sharp(shot).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let red = 0;
  for (let i = 0; i < info.width * info.height; i++) {
    const [r0, g0, b0] = [data[i * 3]!, data[i * 3 + 1]!, data[i * 3 + 2]!];
    if (r0 > 220 && g0 < 90 && b0 > 50 && b0 < 130) red++;
  }
  expect(red).toBeGreaterThan(50);
}, 120_000);

it('is flagged by the guard when committed', async () => {
  const { root, cleanup } = await committedCopy();
  try {
    writeFileSync(path.join(root, 'review.html'), readFileSync(page));
    await git(root, ['add', 'review.html']);
    await git(root, ['commit', '-q', '-m', 'oops']);
    const guard = await runCliCaptured(['guard', '--repo', root, '--format', 'json']);
    const findings = JSON.parse(guard.stdout).findings as { file: string; severity: string; rule: string }[];
    expect(findings.filter((f) => f.file === 'review.html' && f.severity === 'error').length).toBeGreaterThan(
      0,
    );
    expect(guard.code).toBe(1);
  } finally {
    await cleanup();
  }
}, 120_000);
