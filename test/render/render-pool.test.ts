import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp, { type JpegOptions } from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../actions/lib/errors.js';
import { RenderPool } from '../../actions/lib/render/render-pool.js';
import type { Recipe } from '../../actions/lib/schema/recipe.js';
import { writeDicom } from '../../actions/lib/synth/dicom/write-dicom.js';
import { encodeNiftiGz } from '../../actions/lib/synth/formats/nifti.js';
import { BUILT_RENDER_WORKER, ensureBuiltCli } from '../robustness/built-cli.js';

const PYDICOM = '/usr/lib/python3/dist-packages/pydicom/data/test_files';
const dir = mkdtempSync(path.join(tmpdir(), 'render-pool-'));
const DICOM = (window?: { center: number; width: number }): Recipe => ({
  kind: 'dicom',
  frame: 0,
  ...(window ? { window } : {}),
});

/** Sources of every off-thread kind, compressed and not, grey and colour, plus one bad file. */
const cases: { name: string; file: string; recipe: Recipe }[] = [
  { name: 'CT, own VOI', file: `${PYDICOM}/CT_small.dcm`, recipe: DICOM() },
  { name: 'CT, explicit window', file: `${PYDICOM}/CT_small.dcm`, recipe: DICOM({ center: 40, width: 350 }) },
  { name: 'MR, JPEG 2000', file: `${PYDICOM}/MR_small_jp2klossless.dcm`, recipe: DICOM() },
  { name: 'MR, RLE', file: `${PYDICOM}/MR_small_RLE.dcm`, recipe: DICOM() },
  { name: 'RGB, JPEG baseline', file: `${PYDICOM}/SC_rgb_jpeg_dcmtk.dcm`, recipe: DICOM() },
  { name: 'CT preset', file: `${PYDICOM}/CT_small.dcm`, recipe: { kind: 'dicom', frame: 0, preset: 'lung' } },
];

beforeAll(async () => {
  ensureBuiltCli();
  const rows = 300;
  const pixels = new Uint16Array(rows * rows).map((_, i) => (i * 7) % 4096);
  const written = path.join(dir, 'written-ct.dcm');
  await writeDicom(written, {
    elements: [
      { keyword: 'SOPClassUID', value: '1.2.840.10008.5.1.4.1.1.2' },
      { keyword: 'SOPInstanceUID', value: '1.2.826.0.1.3680043.10.1541.99.1' },
      { keyword: 'PatientName', value: 'DOE^JANE' },
      { keyword: 'Rows', value: rows },
      { keyword: 'Columns', value: rows },
      { keyword: 'SamplesPerPixel', value: 1 },
      { keyword: 'PhotometricInterpretation', value: 'MONOCHROME2' },
      { keyword: 'BitsAllocated', value: 16 },
      { keyword: 'BitsStored', value: 12 },
      { keyword: 'HighBit', value: 11 },
      { keyword: 'PixelRepresentation', value: 0 },
      { keyword: 'RescaleIntercept', value: -1024 },
      { keyword: 'RescaleSlope', value: 1 },
    ],
    pixelData: pixels,
  });
  cases.push({
    name: 'written CT, preamble and rescale',
    file: written,
    recipe: DICOM({ center: 40, width: 400 }),
  });
  const volume = new Int16Array(20 * 16 * 12).map((_, i) => (i % 97) - 40);
  const nifti = path.join(dir, 'volume.nii.gz');
  writeFileSync(nifti, encodeNiftiGz({ dims: [20, 16, 12], spacing: [1, 1, 2], data: volume }));
  cases.push({
    name: 'NIfTI axial middle',
    file: nifti,
    recipe: { kind: 'nifti', axis: 'axial', slice: 'middle' } as Recipe,
  });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A 64×48 JPEG with a gradient, written by libvips with `options`. */
async function jpeg(name: string, channels: 1 | 3, options: JpegOptions, orientation?: number) {
  const pixels = Buffer.alloc(64 * 48 * channels).map((_, i) => (i * 37) % 251);
  let image = sharp(pixels, { raw: { width: 64, height: 48, channels } });
  if (channels === 1) image = image.toColourspace('b-w');
  image = image.jpeg(options);
  if (orientation) image = image.withMetadata({ orientation });
  const file = path.join(dir, name);
  await image.toFile(file);
  return file;
}

describe('RenderPool', () => {
  beforeAll(async () => {
    cases.push(
      {
        name: 'plain grey JPEG',
        file: await jpeg('grey.jpg', 1, { quality: 90 }),
        recipe: { kind: 'image' } as Recipe,
      },
      {
        name: 'plain colour JPEG',
        file: await jpeg('colour.jpeg', 3, { quality: 80 }),
        recipe: { kind: 'image' } as Recipe,
      },
    );
  });

  it('gives worker threads the same PNGs, pixels and resolved details as the calling thread', async () => {
    const threads = new RenderPool(2, BUILT_RENDER_WORKER);
    const home = new RenderPool(2, null);
    try {
      for (const c of cases) expect(threads.offThread(c.file, c.recipe), c.name).toBe(true);
      const [off, on] = await Promise.all([
        Promise.all(cases.map((c) => threads.render(c.file, c.recipe))),
        Promise.all(cases.map((c) => home.render(c.file, c.recipe))),
      ]);
      cases.forEach((c, i) => {
        expect(Buffer.compare(Buffer.from(off[i]!.png), Buffer.from(on[i]!.png)), c.name).toBe(0);
        expect(off[i]!.pixelsSha256, c.name).toBe(on[i]!.pixelsSha256);
        expect({ ...off[i]!, png: undefined }, c.name).toEqual({ ...on[i]!, png: undefined });
      });
      expect(threads.threadCount).toBe(2);
    } finally {
      await threads.close();
    }
    expect(threads.threadCount).toBe(0);
  });

  it('renders on the calling thread, through libvips, a JPEG the worker declines', async () => {
    const truncated = path.join(dir, 'truncated.jpg');
    const whole = readFileSync(await jpeg('whole.jpg', 3, {}));
    writeFileSync(truncated, whole.subarray(0, whole.length >> 1));
    const pngNamedJpg = path.join(dir, 'png-named.jpg');
    await sharp(Buffer.alloc(16 * 8 * 3, 90), { raw: { width: 16, height: 8, channels: 3 } })
      .png()
      .toFile(pngNamedJpg);
    const files = [
      await jpeg('progressive.jpg', 3, { progressive: true }),
      await jpeg('rotated.jpg', 1, {}, 6),
      pngNamedJpg,
      truncated,
    ];
    const threads = new RenderPool(1, BUILT_RENDER_WORKER);
    const home = new RenderPool(1, null);
    try {
      for (const file of files) {
        const [off, on] = await Promise.all(
          [threads, home].map((pool) =>
            pool.render(file, { kind: 'image' } as Recipe).then(
              (out) => ({ ...out, png: Buffer.from(out.png).toString('base64') }),
              (e: unknown) => ({ error: (e as InputError).code, message: (e as Error).message }),
            ),
          ),
        );
        expect(off, file).toEqual(on);
      }
      const rotated = await threads.render(files[1]!, { kind: 'image' } as Recipe);
      expect([rotated.width, rotated.height]).toEqual([48, 64]);
      await expect(threads.render(truncated, { kind: 'image' } as Recipe)).rejects.toMatchObject({
        code: 'image/decode-failed',
      });
    } finally {
      await threads.close();
    }
  });

  it('rebuilds a worker’s input error with its class, code and message', async () => {
    const threads = new RenderPool(1, BUILT_RENDER_WORKER);
    const home = new RenderPool(1, null);
    try {
      for (const file of [
        path.join(PYDICOM, 'rtplan.dcm'),
        path.join(PYDICOM, 'MR_truncated.dcm'),
        path.join(dir, 'missing.dcm'),
      ]) {
        const [off, on] = await Promise.all(
          [threads, home].map((pool) =>
            pool.render(file, DICOM()).then(
              () => undefined,
              (e: unknown) => e,
            ),
          ),
        );
        expect(off, file).toBeInstanceOf(InputError);
        expect((off as InputError).code, file).toBe((on as InputError).code);
        expect((off as InputError).message, file).toBe((on as InputError).message);
        expect((off as InputError).file, file).toBe(file);
      }
      // The thread that reported the errors still works.
      expect((await threads.render(cases[0]!.file, cases[0]!.recipe)).width).toBe(128);
    } finally {
      await threads.close();
    }
  });

  it('ends the thread of an aborted render, rejects with the reason, and keeps serving', async () => {
    const threads = new RenderPool(1, BUILT_RENDER_WORKER);
    try {
      const controller = new AbortController();
      const pending = threads.render(cases[0]!.file, cases[0]!.recipe, { signal: controller.signal });
      controller.abort(new Error('timed out'));
      await expect(pending).rejects.toThrow('timed out');
      const already = AbortSignal.abort(new Error('never started'));
      await expect(threads.render(cases[0]!.file, cases[0]!.recipe, { signal: already })).rejects.toThrow(
        'never started',
      );
      const after = await threads.render(cases[1]!.file, cases[1]!.recipe);
      expect(after.width).toBe(128);
      expect(threads.threadCount).toBe(1);
    } finally {
      await threads.close();
    }
  });

  it('rejects, never hangs, when a worker thread dies, and starts a new one for the next job', async () => {
    // A worker that dies on its first job (as an out-of-memory abort would), then one that answers.
    const dying = path.join(dir, 'dying-worker.mjs');
    const marker = path.join(dir, 'died-once');
    writeFileSync(
      dying,
      `import { existsSync, writeFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
parentPort.on('message', ({ id }) => {
  if (!existsSync(${JSON.stringify(marker)})) { writeFileSync(${JSON.stringify(marker)}, ''); process.exit(3); }
  parentPort.postMessage({ id, error: { kind: 'input', code: 'dicom/test', file: 'x.dcm', message: 'x.dcm: answered' } });
});
`,
    );
    const pool = new RenderPool(1, dying);
    try {
      await expect(pool.render(cases[0]!.file, cases[0]!.recipe)).rejects.toThrow('render worker exited');
      expect(pool.threadCount).toBe(0);
      await expect(pool.render(cases[0]!.file, cases[0]!.recipe)).rejects.toThrow('x.dcm: answered');
      expect(pool.threadCount).toBe(1);
    } finally {
      await pool.close();
    }
  });

  it('renders other kinds, and everything without a worker bundle, on the calling thread', () => {
    const pool = new RenderPool(2, BUILT_RENDER_WORKER);
    expect(pool.offThread('a.jpg', { kind: 'image' } as Recipe)).toBe(true);
    expect(pool.offThread('a.JPEG', { kind: 'image' } as Recipe)).toBe(true);
    expect(pool.offThread('a.jpg', { kind: 'image', max_side: 256 } as Recipe)).toBe(false);
    expect(pool.offThread('a.png', { kind: 'image' } as Recipe)).toBe(false);
    expect(pool.offThread('a.h5', { kind: 'hdf5', dataset: 'image', index: 0 } as Recipe)).toBe(false);
    expect(new RenderPool(2, null).offThread('a.dcm', DICOM())).toBe(false);
    expect(new RenderPool(2, null).offThread('a.jpg', { kind: 'image' } as Recipe)).toBe(false);
  });
});
