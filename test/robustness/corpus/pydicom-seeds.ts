/**
 * Real DICOM files from pydicom's test folder (JPEG baseline and extended, JPEG Lossless, JPEG-LS,
 * JPEG 2000, RLE, deflate, big endian, YBR), copied with PHI-looking patient values by
 * stamp_phi.py. JPEG Lossless SV1 is made by GDCM from CT_small.dcm, as pydicom ships none.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SeedFile } from './writer-seeds.js';

/** Debian's interpreter: the one with pydicom, numpy and GDCM. */
export const SYSTEM_PYTHON = '/usr/bin/python3';
/** pydicom's own real-world test files. */
export const PYDICOM_TEST_FILES = '/usr/lib/python3/dist-packages/pydicom/data/test_files';

/** The files used, by transfer syntax. */
export const PYDICOM_SEED_NAMES = [
  'JPEG-lossy.dcm', // JPEG Extended, 12 bit
  'SC_rgb_jpeg_dcmtk.dcm', // JPEG Baseline, YBR
  'SC_rgb_small_odd_jpeg.dcm', // JPEG Baseline, odd size
  'JPEG2000.dcm', // JPEG 2000
  'MR_small_jp2klossless.dcm', // JPEG 2000 lossless
  'MR_small_jpeg_ls_lossless.dcm', // JPEG-LS
  'MR_small_RLE.dcm', // RLE, 16 bit
  'SC_rgb_rle.dcm', // RLE, RGB
  'image_dfl.dcm', // deflated
  'MR_small_bigendian.dcm', // explicit big endian
  'SC_ybr_full_422_uncompressed.dcm', // YBR_FULL_422
  'gdcm-lossless:CT_small.dcm', // JPEG Lossless SV1, made by GDCM
] as const;

/** Stamps PHI into the pydicom files and returns them; names that fail to convert are left out. */
export function pydicomSeeds(): SeedFile[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'cm-pydicom-seeds-'));
  try {
    const sources = PYDICOM_SEED_NAMES.map((name) =>
      name.startsWith('gdcm-lossless:')
        ? `gdcm-lossless:${path.join(PYDICOM_TEST_FILES, name.slice('gdcm-lossless:'.length))}`
        : path.join(PYDICOM_TEST_FILES, name),
    );
    const output = execFileSync(
      SYSTEM_PYTHON,
      [path.join(import.meta.dirname, 'stamp_phi.py'), dir, ...sources],
      {
        encoding: 'utf8',
      },
    );
    const seeds: SeedFile[] = [];
    for (const line of output.split('\n').filter(Boolean)) {
      const result = JSON.parse(line) as { out?: string };
      if (result.out) {
        seeds.push({
          name: path.basename(result.out, '.dcm'),
          bytes: new Uint8Array(readFileSync(result.out)),
        });
      }
    }
    return seeds;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
