/** The payloads every attempt disguises, made once per run: by code here, or by numpy/PIL/scipy/ffmpeg in payloads.py. */
import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { crc32, deflateSync } from 'node:zlib';
import { makePhiDicom, xrayPixels } from './dicom-payload.js';

const run = promisify(execFile);
/** Debian's python3, with numpy, scipy, PIL and pydicom from apt (the pyenv one has none of them). */
export const PYTHON = '/usr/bin/python3';

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A greyscale PNG of `pixels` (width × height, 8-bit). */
export function greyPng(pixels: Buffer, width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) pixels.copy(raw, y * (width + 1) + 1, y * width, (y + 1) * width);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A float32 "sinogram" (180 angles × 64 detectors) none of whose bytes is NUL. */
export function sinogram(): Buffer {
  const angles = 180;
  const detectors = 64;
  const out = Buffer.alloc(angles * detectors * 4);
  for (let a = 0; a < angles; a++) {
    for (let d = 0; d < detectors; d++) {
      const t = (d - detectors / 2) / (detectors / 2);
      let v = 1.5 + Math.sqrt(Math.max(0, 1 - t * t)) * (1 + 0.2 * Math.sin((a * Math.PI) / 90));
      const at = (a * detectors + d) * 4;
      out.writeFloatLE(v, at);
      // Nudge the value until no byte is 0: such data passes a NUL-byte text test.
      while (out.subarray(at, at + 4).includes(0)) {
        v += 1e-6;
        out.writeFloatLE(v, at);
      }
    }
  }
  return out;
}

/** Netpbm: P5/P2 (grey) and P6/P3 (colour) of the X-ray, and a PFM of the sinogram. */
function netpbm(pixels: Buffer, size: number) {
  const ascii = (magic: string, values: number[]) =>
    Buffer.from(
      `${magic}\n# scan\n${size} ${size}\n255\n${values.join(' ').replace(/(.{1,68})( |$)/g, '$1\n')}`,
    );
  const rgb = Buffer.alloc(size * size * 3);
  for (let i = 0; i < pixels.length; i++) rgb.fill(pixels[i] ?? 0, i * 3, i * 3 + 3);
  return {
    pgmBinary: Buffer.concat([Buffer.from(`P5\n${size} ${size}\n255\n`), pixels]),
    pgmAscii: ascii('P2', [...pixels]),
    ppmBinary: Buffer.concat([Buffer.from(`P6\n${size} ${size}\n255\n`), rgb]),
    ppmAscii: ascii('P3', [...rgb]),
    pfm: Buffer.concat([Buffer.from('Pf\n64 180\n-1.0\n'), sinogram()]),
  };
}

export interface Payloads {
  dir: string;
  dicom: Buffer;
  png: Buffer;
  /** A ~700-byte X-ray thumbnail (what a notebook keeps in its outputs). */
  thumbnail: Buffer;
  pixels: Buffer;
  sinogram: Buffer;
  pgmBinary: Buffer;
  pgmAscii: Buffer;
  ppmBinary: Buffer;
  ppmAscii: Buffer;
  pfm: Buffer;
  /** Files payloads.py made, by name: jpeg, pdf, tiff-le, tiff-be, npy, npz, mat, sqlite, avi, … */
  py: Record<string, Buffer>;
}

/** Writes the JS-made payloads into `dir`, runs payloads.py there, and reads everything back. */
export async function makePayloads(dir: string): Promise<Payloads> {
  const size = 64;
  const pixels = xrayPixels(size, size);
  const js = {
    dicom: makePhiDicom(),
    png: greyPng(pixels, size, size),
    thumbnail: greyPng(xrayPixels(24, 24, 5), 24, 24),
    pixels,
    sinogram: sinogram(),
    ...netpbm(pixels, size),
  };
  await writeFile(path.join(dir, 'pixels.raw'), pixels);
  await writeFile(path.join(dir, 'dicom.dcm'), js.dicom);
  await writeFile(path.join(dir, 'sinogram.f32'), js.sinogram);
  await writeFile(path.join(dir, 'xray.png'), js.png);
  await run(PYTHON, [path.join(import.meta.dirname, 'payloads.py'), dir], { timeout: 60_000 });
  const py: Record<string, Buffer> = {};
  for (const name of await readdir(path.join(dir, 'py')))
    py[name] = await readFile(path.join(dir, 'py', name));
  return { dir, ...js, py };
}
