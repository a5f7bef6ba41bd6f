/**
 * Inputs of the render-anchor benches, made by code and shaped like the datasets': grey X-ray JPEGs
 * (CheXpert's downsampled 320×390 and its full-size ~2,000×2,500), MURA-like grey PNGs, a
 * Thyroid-like HDF5 cine-clip stack ([N, H, W] uint8), Brain-Mets-Lung-like .nii.gz volumes (int16)
 * and a tiled pyramidal JPEG TIFF (the container an Aperio .svs is). Content is smooth anatomy-like
 * shading with noise, so that codecs do real work (flat images would flatter every decoder).
 */
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { writeHdf5 } from '../../actions/lib/synth/formats/hdf5.js';
import { encodeNiftiGz } from '../../actions/lib/synth/formats/nifti.js';
import { writeTiledSlide } from '../../actions/lib/synth/formats/tiled-slide.js';
import { xorshift32 } from './bench-util.js';

/** Grey shading of an X-ray or ultrasound: broad bright ellipse (body), a brighter bar (bone), noise. */
export function greyScene(width: number, height: number, seed: number, channels = 1): Uint8Array {
  const next = xorshift32(seed);
  const out = new Uint8Array(width * height * channels);
  const cx = width * (0.45 + (seed % 7) / 70);
  const cy = height * 0.5;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dx = (x - cx) / (width * 0.38);
      const dy = (y - cy) / (height * 0.45);
      const body = Math.max(0, 1 - dx * dx - dy * dy);
      const bone = Math.abs(x - cx - (y - cy) * 0.2) < width * 0.05 ? 60 : 0;
      const base = 20 + 150 * Math.sqrt(body) + bone + 10 * Math.sin(y / 17 + x / 29);
      for (let c = 0; c < channels; c++) {
        const noise = ((next() & 0xff) - 128) / 16;
        const v = base + noise + c * 12;
        out[(y * width + x) * channels + c] = Math.max(0, Math.min(255, v));
      }
    }
  }
  return out;
}

const raw = (data: Uint8Array, width: number, height: number, channels: 1 | 3) =>
  sharp(Buffer.from(data.buffer, data.byteOffset, data.byteLength), { raw: { width, height, channels } });

/**
 * `count` files, of which `distinct` are made and the rest are copies (making thousands of large
 * images would take the bench longer than measuring them; the page cache is warmed either way).
 */
async function manyFiles(
  dir: string,
  count: number,
  distinct: number,
  ext: string,
  make: (file: string, i: number) => Promise<void>,
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files = Array.from({ length: count }, (_, i) =>
    path.join(dir, `${String(i).padStart(4, '0')}.${ext}`),
  );
  for (const [i, file] of files.entries()) {
    if (i < distinct) await make(file, i);
    else await copyFile(files[i % distinct]!, file);
  }
  return files;
}

/** Grey baseline JPEGs (quality 90), as CheXpert ships them. */
export function greyJpegs(dir: string, count: number, width: number, height: number): Promise<string[]> {
  return manyFiles(dir, count, Math.min(count, 8), 'jpg', async (file, i) => {
    await raw(greyScene(width, height, 11 + i), width, height, 1)
      .jpeg({ quality: 90 })
      .toFile(file);
  });
}

/** Grey 8-bit PNGs of MURA's typical size (about 512 on the long side). */
export function greyPngs(dir: string, count: number, width: number, height: number): Promise<string[]> {
  return manyFiles(dir, count, Math.min(count, 8), 'png', async (file, i) => {
    await raw(greyScene(width, height, 101 + i), width, height, 1)
      .png()
      .toFile(file);
  });
}

/** One Thyroid-like stack: dataset "image" shaped [frames, side, side], uint8, written with h5wasm. */
export async function cineStack(file: string, frames: number, side: number): Promise<void> {
  const data = new Uint8Array(frames * side * side);
  const frame = greyScene(side, side, 7);
  for (let f = 0; f < frames; f++) {
    // Each frame shifted a little: a cine-clip, not one picture repeated.
    const shift = f % side;
    for (let y = 0; y < side; y++) {
      const row = ((y + shift) % side) * side;
      data.set(frame.subarray(row, row + side), (f * side + y) * side);
    }
  }
  await mkdir(path.dirname(file), { recursive: true });
  await writeHdf5(file, [{ name: 'image', data, shape: [frames, side, side] }]);
}

/** Brain-MRI-like int16 .nii.gz volumes (t1ce: 240 × 240 × 155, 1 mm), RAS sform. */
export function niftiVolumes(dir: string, count: number, dims: [number, number, number]): Promise<string[]> {
  return manyFiles(dir, count, Math.min(count, 4), 'nii.gz', async (file, i) => {
    const [nx, ny, nz] = dims;
    const next = xorshift32(301 + i);
    const data = new Int16Array(nx * ny * nz);
    for (let z = 0; z < nz; z++) {
      for (let y = 0; y < ny; y++) {
        for (let x = 0; x < nx; x++) {
          const dx = (x - nx / 2) / (nx * 0.4);
          const dy = (y - ny / 2) / (ny * 0.45);
          const dz = (z - nz / 2) / (nz * 0.45);
          const r = dx * dx + dy * dy + dz * dz;
          const tissue = r < 1 ? 400 + 300 * Math.cos(r * 9) : 0;
          data[(z * ny + y) * nx + x] = Math.round(tissue + ((next() & 0xff) - 128) / 4);
        }
      }
    }
    await writeFile(file, encodeNiftiGz({ dims, spacing: [1, 1, 1], data }));
  });
}

/** Tiled pyramidal JPEG TIFFs (256² tiles, each level half the one before), copies of one slide. */
export function tiledSlides(dir: string, count: number, width: number, height: number): Promise<string[]> {
  return manyFiles(dir, count, 1, 'tif', async (file) => {
    await writeTiledSlide(file, greyScene(width, height, 41, 3), width, height);
  });
}
