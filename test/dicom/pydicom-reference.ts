/**
 * Runs test/reference/dicom_reference.py (Debian's python3 with pydicom and numpy) on a batch of
 * render jobs and reads back its 8-bit pixels.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** Debian's interpreter: the one that has pydicom, numpy and GDCM. */
export const REFERENCE_PYTHON = '/usr/bin/python3';
/** pydicom's data folder (Debian's python3-pydicom). */
export const PYDICOM_DATA = '/usr/lib/python3/dist-packages/pydicom/data';
/** pydicom's own real-world test files. */
export const PYDICOM_TEST_FILES = `${PYDICOM_DATA}/test_files`;

const SCRIPT = join(import.meta.dirname, '..', 'reference', 'dicom_reference.py');

/** One render for the reference. */
export interface ReferenceJob {
  file: string;
  out: string;
  frame?: number;
  window?: { center: number; width: number } | null;
}

/** The reference's answer: pixels when pydicom could decode the file. */
export type ReferenceResult =
  | {
      ok: true;
      width: number;
      height: number;
      channels: 1 | 3;
      modality_min?: number;
      modality_max?: number;
      pixels: Uint8Array;
    }
  | { ok: false; error: string };

/** Renders every job with the Python reference (one process for the whole batch). */
export async function renderReference(jobs: ReferenceJob[]): Promise<ReferenceResult[]> {
  const child = promisify(execFile)(REFERENCE_PYTHON, [SCRIPT], { maxBuffer: 64 * 1024 * 1024 });
  child.child.stdin!.end(JSON.stringify(jobs));
  const { stdout } = await child;
  const answers = JSON.parse(stdout) as (Record<string, unknown> & { ok: boolean; error?: string })[];
  return answers.map((answer, i) =>
    answer.ok
      ? ({ ...answer, pixels: new Uint8Array(readFileSync(jobs[i]!.out)) } as ReferenceResult)
      : { ok: false, error: answer.error ?? 'unknown' },
  );
}

/** Largest absolute difference between two pixel buffers of the same length. */
export function maxDifference(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    if (d > max) max = d;
  }
  return max;
}
