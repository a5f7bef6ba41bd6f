import type { NiftiHeader } from './nifti-header.js';

/** For each voxel axis (i, j, k): the world axis it runs along (0 x, 1 y, 2 z) and its direction. */
export type AxisOrientation = [
  { world: number; sign: 1 | -1 },
  { world: number; sign: 1 | -1 },
  { world: number; sign: 1 | -1 },
];

/**
 * The 3×3 voxel-to-world matrix nibabel's `get_best_affine` would use (translation left out): the
 * sform when sform_code > 0, else the qform (quaternion, voxel sizes, qfac) when qform_code > 0,
 * else the Analyze convention of voxel sizes with x flipped (LAS). World is NIfTI's RAS+.
 * A form that is not finite or is singular (a damaged header) is skipped for the next one.
 */
export function voxelToWorld(header: NiftiHeader): number[][] {
  const sform = header.sformCode > 0 ? header.srow.map((row) => row.slice(0, 3)) : undefined;
  if (sform && usable(sform)) return sform;
  const qform = header.qformCode > 0 ? quaternionMatrix(header) : undefined;
  if (qform && usable(qform)) return qform;
  const size = (value: number) => (Number.isFinite(value) && value !== 0 ? Math.abs(value) : 1);
  const [, pi, pj, pk] = header.pixdim;
  return [
    [-size(pi), 0, 0],
    [0, size(pj), 0],
    [0, 0, size(pk)],
  ];
}

/** Finite, and every voxel axis points somewhere (no zero column). */
function usable(matrix: number[][]): boolean {
  if (!matrix.every((row) => row.every(Number.isFinite))) return false;
  return [0, 1, 2].every((col) => matrix.some((row) => row[col] !== 0));
}

/** NIfTI-1 method 2: rotation from the quaternion (b, c, d), voxel sizes, qfac = pixdim[0]. */
function quaternionMatrix(header: NiftiHeader): number[][] {
  const [qfacRaw, pi, pj, pk] = header.pixdim;
  const [b, c, d] = header.quatern;
  const a = Math.sqrt(Math.max(0, 1 - (b * b + c * c + d * d)));
  const qfac = qfacRaw < 0 ? -1 : 1;
  const r = [
    [a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c)],
    [2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b)],
    [2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - b * b - c * c],
  ];
  const zooms = [pi, pj, pk].map((z) => (Number.isFinite(z) && z !== 0 ? z : 1));
  zooms[2]! *= qfac;
  return r.map((row) => row.map((value, col) => value * zooms[col]!));
}

/**
 * Which world axis each voxel axis is closest to, as nibabel's `io_orientation` decides for
 * non-degenerate affines: repeatedly take the largest remaining |entry| of the column-normalised
 * matrix, so an oblique acquisition maps to its nearest anatomical axes.
 */
export function axisOrientation(matrix: number[][]): AxisOrientation {
  const norms = [0, 1, 2].map((col) => Math.hypot(matrix[0]![col]!, matrix[1]![col]!, matrix[2]![col]!) || 1);
  const result: { world: number; sign: 1 | -1 }[] = [];
  const freeRows = new Set([0, 1, 2]);
  const freeCols = new Set([0, 1, 2]);
  while (freeCols.size > 0) {
    let best = { row: -1, col: -1, value: -1 };
    for (const row of freeRows) {
      for (const col of freeCols) {
        const value = Math.abs(matrix[row]![col]! / norms[col]!);
        if (value > best.value) best = { row, col, value };
      }
    }
    if (best.row < 0)
      return [
        { world: 0, sign: 1 },
        { world: 1, sign: 1 },
        { world: 2, sign: 1 },
      ];
    const sign = matrix[best.row]![best.col]! < 0 ? -1 : 1;
    result[best.col] = { world: best.row, sign };
    freeRows.delete(best.row);
    freeCols.delete(best.col);
  }
  return result as AxisOrientation;
}

/** nibabel-style axis codes, e.g. "RAS" or "LPS", for the resolved recipe. */
export function axisCodes(orientation: AxisOrientation): string {
  const positive = ['R', 'A', 'S'];
  const negative = ['L', 'P', 'I'];
  return orientation.map((a) => (a.sign > 0 ? positive : negative)[a.world]).join('');
}
