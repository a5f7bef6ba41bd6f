/**
 * Speed sanity check (not part of the test suite): 100 renders of a 1024×1024 16-bit MR with our
 * engine, then the same with pydicom + numpy + PIL in one Python process, as the benchmark's notes
 * did it. Run: npx tsx test/dicom/speed-sanity.ts [renders]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderDicom } from '../../actions/lib/dicom/render-dicom.js';
import { writeDicom } from '../../actions/lib/synth/dicom/write-dicom.js';
import { imageElements } from './synthetic-dicom.js';

const renders = Number(process.argv[2] ?? 100);
const dir = mkdtempSync(join(tmpdir(), 'dicom-speed-'));
const file = join(dir, 'mr-1024.dcm');
try {
  const pixels = new Uint16Array(1024 * 1024);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (Math.sin(i / 977) * 0.5 + 0.5) * 4000 + (i % 1024);
  await writeDicom(file, {
    elements: [
      ...imageElements({ rows: 1024, columns: 1024, bitsStored: 16, modality: 'MR' }),
      { keyword: 'WindowCenter', value: 2000 },
      { keyword: 'WindowWidth', value: 4000 },
    ],
    pixelData: pixels,
  });

  await renderDicom(file); // warm-up
  let start = performance.now();
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < renders; i++) await renderDicom(file);
  const ours = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const oursCpu = (cpu.user + cpu.system) / 1000;

  const python = `
import sys, time, numpy as np, pydicom
from PIL import Image
path, n = sys.argv[1], int(sys.argv[2])
start = time.perf_counter()
cpu = time.process_time()
for _ in range(n):
    ds = pydicom.dcmread(path)
    arr = ds.pixel_array.astype(np.float64) * float(ds.get("RescaleSlope", 1)) + float(ds.get("RescaleIntercept", 0))
    c, w = float(ds.WindowCenter), float(ds.WindowWidth)
    out = np.clip(((arr - (c - 0.5)) / (w - 1) + 0.5) * 255, 0, 255).astype(np.uint8)
    Image.fromarray(out)
print(time.perf_counter() - start, time.process_time() - cpu)
`;
  start = performance.now();
  const [pythonSeconds, pythonCpuSeconds] = execFileSync(
    '/usr/bin/python3',
    ['-c', python, file, String(renders)],
    {
      encoding: 'utf8',
    },
  )
    .trim()
    .split(' ')
    .map(Number) as [number, number];
  const pythonWall = performance.now() - start;
  const report = {
    renders,
    oursMs: Math.round(ours),
    oursPerRenderMs: +(ours / renders).toFixed(2),
    pydicomLoopMs: Math.round(pythonSeconds * 1000),
    pydicomWallMs: Math.round(pythonWall),
    speedupLoop: +((pythonSeconds * 1000) / ours).toFixed(2),
    // CPU time is steadier than wall time on a shared machine.
    oursCpuMs: Math.round(oursCpu),
    pydicomCpuMs: Math.round(pythonCpuSeconds * 1000),
    speedupCpu: +((pythonCpuSeconds * 1000) / oursCpu).toFixed(2),
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
