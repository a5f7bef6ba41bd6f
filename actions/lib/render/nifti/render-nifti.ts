import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { InputError } from '../../errors.js';
import { staysInside } from '../../fs/real-paths.js';
import type { Window } from '../../schema/recipe.js';
import type { RenderedImage } from '../rendered-image.js';
import { minMaxTo8Bit, windowTo8Bit } from '../scale-to-8bit.js';
import type { NiftiHeader } from './nifti-header.js';
import { type AxisOrientation, axisCodes, axisOrientation, voxelToWorld } from './nifti-orientation.js';
import { readNiftiVolume } from './nifti-volume.js';

/** A NIfTI recipe: plane, slice, optional segmentation and window. */
export interface NiftiRequest {
  axis: 'axial' | 'coronal' | 'sagittal';
  slice: 'middle' | 'largest-segmentation' | number;
  segmentation?: string | undefined;
  window?: Window | undefined;
}

/** World axis (RAS+: 0 x → Right, 1 y → Anterior, 2 z → Superior) each plane cuts across. */
const SLICED_WORLD_AXIS = { axial: 2, coronal: 1, sagittal: 0 } as const;
/** World axes along the image's columns (left → right) and rows (top → bottom); both run downhill. */
const DISPLAY_WORLD_AXES = { axial: [0, 1], coronal: [0, 2], sagittal: [1, 2] } as const;

/**
 * Renders one slice of a NIfTI-1/2 volume (first volume of a 4D series) in the radiological
 * convention, whatever the storage order: the voxel axes are matched to the nearest anatomical axes
 * of the best affine (sform, else qform, else Analyze LAS), as nibabel's `as_closest_canonical` does,
 * and then
 *   axial    — seen from the feet: patient's right on the image's left, anterior at the top;
 *   coronal  — seen from the front: patient's right on the image's left, superior at the top;
 *   sagittal — seen from the patient's left: anterior on the image's left, superior at the top.
 * Slice numbers count in that canonical (RAS+) order: axial from inferior, coronal from posterior,
 * sagittal from the patient's left; "middle" is floor(n/2). Oblique volumes are not resampled and
 * voxels are shown one per pixel (no correction for anisotropic voxel sizes).
 * Values are stored × scl_slope + scl_inter; then the window (DICOM linear), else min–max of the slice.
 */
export async function renderNifti(
  file: string,
  request: NiftiRequest,
  context: { dataRoot?: string } = {},
): Promise<RenderedImage> {
  const worldAxis = SLICED_WORLD_AXIS[request.axis];
  let plan: { orientation: AxisOrientation; voxAxis: number; count: number } | undefined;
  const planFor = (header: NiftiHeader) => {
    const orientation = axisOrientation(voxelToWorld(header));
    const voxAxis = orientation.findIndex((a) => a.world === worldAxis);
    plan = { orientation, voxAxis, count: header.dims[voxAxis]! };
    return plan;
  };

  let canonicalSlice: number | undefined;
  let segmentationShape: number[] | undefined;
  const resolved: Record<string, unknown> = { axis: request.axis };
  if (request.slice === 'largest-segmentation') {
    const segmentation = await largestSegmentationSlice(file, request, context.dataRoot, worldAxis);
    canonicalSlice = segmentation.slice;
    segmentationShape = segmentation.shape;
    Object.assign(resolved, { segmentation_voxels: segmentation.voxels });
  }

  const volume = await readNiftiVolume(file, (header) => {
    const { orientation, voxAxis, count } = planFor(header);
    const shape = canonicalShape(header.dims, orientation);
    if (segmentationShape && shape.join() !== segmentationShape.join()) {
      throw new InputError(
        'nifti/segmentation-mismatch',
        file,
        `the segmentation's grid (${segmentationShape.join('×')}) differs from the image's (${shape.join('×')})`,
      );
    }
    canonicalSlice ??= request.slice === 'middle' ? Math.floor(count / 2) : (request.slice as number);
    if (canonicalSlice >= count) return 0;
    const [nx, ny, nz] = header.dims;
    if (voxAxis !== 2) return nx * ny * nz;
    const k = orientation[2].sign > 0 ? canonicalSlice : count - 1 - canonicalSlice;
    return nx * ny * (k + 1);
  });
  const { orientation, voxAxis, count } = plan!;
  const slice = canonicalSlice!;
  if (slice >= count) {
    throw new InputError(
      'nifti/slice-out-of-range',
      file,
      `${request.axis} slice ${slice} asked for, the volume has ${count}`,
    );
  }
  const [colWorld, rowWorld] = DISPLAY_WORLD_AXES[request.axis];
  const colAxis = orientation.findIndex((a) => a.world === colWorld);
  const rowAxis = orientation.findIndex((a) => a.world === rowWorld);
  const dims = volume.header.dims;
  const width = dims[colAxis]!;
  const height = dims[rowAxis]!;
  const values = new Float64Array(width * height);
  const index: [number, number, number] = [0, 0, 0];
  index[voxAxis] = orientation[voxAxis]!.sign > 0 ? slice : count - 1 - slice;
  const colPositive = orientation[colAxis]!.sign > 0;
  const rowPositive = orientation[rowAxis]!.sign > 0;
  for (let r = 0; r < height; r++) {
    // Rows and columns run from the positive end (right, anterior, superior) downwards.
    index[rowAxis] = rowPositive ? height - 1 - r : r;
    for (let c = 0; c < width; c++) {
      index[colAxis] = colPositive ? width - 1 - c : c;
      values[r * width + c] = volume.value(index[0], index[1], index[2]);
    }
  }
  Object.assign(resolved, {
    slice,
    slices: count,
    orientation: axisCodes(orientation),
    nifti_version: volume.header.version,
    datatype: volume.header.datatype.name,
  });
  let data: Uint8Array;
  if (request.window) {
    data = windowTo8Bit(values, request.window);
    resolved.window = request.window;
  } else {
    const scaled = minMaxTo8Bit(values);
    data = scaled.data;
    Object.assign(resolved, { min: scaled.min, max: scaled.max });
  }
  return { width, height, channels: 1, data, resolved };
}

async function largestSegmentationSlice(
  file: string,
  request: NiftiRequest,
  dataRoot: string | undefined,
  worldAxis: number,
): Promise<{ slice: number; voxels: number; shape: number[] }> {
  if (!request.segmentation) {
    throw new InputError(
      'nifti/no-segmentation',
      file,
      'slice "largest-segmentation" needs a segmentation path',
    );
  }
  const folder = dirname(file);
  const path = resolve(folder, request.segmentation);
  const root = dataRoot ? resolve(dataRoot) : folder;
  const inside = relative(root, path);
  if (isAbsolute(request.segmentation) || inside.startsWith('..') || isAbsolute(inside)) {
    throw new InputError(
      'nifti/bad-segmentation-path',
      file,
      `segmentation "${request.segmentation}" leaves ${dataRoot ? 'the dataset root' : "the source's folder"}`,
    );
  }
  // A lexical check cannot see a symlink: the file it leads to must lie inside the root too.
  if (!(await staysInside(root, path))) {
    throw new InputError(
      'nifti/segmentation-escape',
      file,
      `segmentation "${request.segmentation}" resolves outside ${dataRoot ? 'the dataset root' : "the source's folder"}`,
    );
  }
  const seg = await readNiftiVolume(path, (header) => header.dims[0] * header.dims[1] * header.dims[2]);
  const orientation = axisOrientation(voxelToWorld(seg.header));
  const voxAxis = orientation.findIndex((a) => a.world === worldAxis);
  const [nx, ny, nz] = seg.header.dims;
  const count = seg.header.dims[voxAxis]!;
  const perSlice = new Array<number>(count).fill(0);
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        if (seg.value(i, j, k) !== 0) perSlice[[i, j, k][voxAxis]!]!++;
      }
    }
  }
  let best = { slice: -1, voxels: 0 };
  for (let s = 0; s < count; s++) {
    const canonical = orientation[voxAxis]!.sign > 0 ? s : count - 1 - s;
    const voxels = perSlice[s]!;
    if (voxels > best.voxels || (voxels === best.voxels && voxels > 0 && canonical < best.slice)) {
      best = { slice: canonical, voxels };
    }
  }
  if (best.slice < 0)
    throw new InputError('nifti/empty-segmentation', path, 'the segmentation has no labelled voxel');
  return { ...best, shape: canonicalShape(seg.header.dims, orientation) };
}

/** Voxel counts along x, y, z (RAS+), whatever the storage order. */
function canonicalShape(dims: readonly number[], orientation: AxisOrientation): number[] {
  return [0, 1, 2].map((world) => dims[orientation.findIndex((a) => a.world === world)]!);
}
