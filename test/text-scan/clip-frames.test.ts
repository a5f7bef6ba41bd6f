import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCliCaptured } from '../helpers/run-cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'cm-text-clips-'));

/** A Thyroid-like HDF5 cine-clip and an AVI whose burned-in name shows on one frame only. */
const MAKE = `
import subprocess, sys
import h5py, numpy as np
from PIL import Image, ImageDraw, ImageFont
out = sys.argv[1]
font = ImageFont.truetype('/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf', 13)
rng = np.random.default_rng(5)
def frame(text):
    img = Image.fromarray(rng.rayleigh(30, (240, 320)).clip(0, 255).astype(np.uint8))
    if text:
        ImageDraw.Draw(img).text((6, 6), text, font=font, fill=255)
    return np.asarray(img)
stack = np.stack([frame(None) for _ in range(6)] + [frame('MORETTI^YUKI 20240115')])
with h5py.File(out + '/clip.hdf5', 'w') as f:
    f['image'] = stack
    f['annot_id'] = np.array([b'a'] * len(stack))
frames = [frame('ADEYEMI, Samuel' if i == 4 else None) for i in range(9)]
rgb = b''.join(np.repeat(f[..., None], 3, axis=2).tobytes() for f in frames)
subprocess.run(['ffmpeg', '-v', 'error', '-y', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', '320x240', '-r', '25',
                '-i', '-', '-c:v', 'mjpeg', '-q:v', '2', out + '/clip.avi'], input=rgb, check=True)
`;

beforeAll(() => {
  execFileSync('/usr/bin/python3', ['-c', MAKE, dir]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('scans a cine-clip on several frames: a name on the last frame of an HDF5 stack is caught', async () => {
  const r = await runCliCaptured(['scan-text', '--format', 'json', 'clip.hdf5'], { cwd: dir });
  const [result] = JSON.parse(r.stdout).results;
  expect(result).toMatchObject({ identifying: true, frames: 3 });
  expect(result.regions.every((g: { frame: number }) => g.frame === 2)).toBe(true);
  expect(r.code).toBe(1);
});

it('scans a video on first, middle and last frame: a name on the middle frame of an AVI is caught', async () => {
  const r = await runCliCaptured(['scan-text', '--format', 'json', 'clip.avi'], { cwd: dir });
  const [result] = JSON.parse(r.stdout).results;
  expect(result).toMatchObject({ identifying: true, frames: 3 });
  expect(result.categories).toContain('name');
  expect(r.code).toBe(1);
});
