import { InputError } from '../../errors.js';

/** A NIfTI datatype this reader decodes: its code, bytes per voxel and typed reader. */
export interface NiftiDatatype {
  name: string;
  bytes: number;
  read: (view: DataView, offset: number, littleEndian: boolean) => number;
}

/** NIfTI-1/2 datatype codes (nifti1.h) this reader supports: scalar integers and floats. */
export const NIFTI_DATATYPES: Record<number, NiftiDatatype> = {
  2: { name: 'uint8', bytes: 1, read: (v, o) => v.getUint8(o) },
  4: { name: 'int16', bytes: 2, read: (v, o, le) => v.getInt16(o, le) },
  8: { name: 'int32', bytes: 4, read: (v, o, le) => v.getInt32(o, le) },
  16: { name: 'float32', bytes: 4, read: (v, o, le) => v.getFloat32(o, le) },
  64: { name: 'float64', bytes: 8, read: (v, o, le) => v.getFloat64(o, le) },
  256: { name: 'int8', bytes: 1, read: (v, o) => v.getInt8(o) },
  512: { name: 'uint16', bytes: 2, read: (v, o, le) => v.getUint16(o, le) },
  768: { name: 'uint32', bytes: 4, read: (v, o, le) => v.getUint32(o, le) },
  1024: { name: 'int64', bytes: 8, read: (v, o, le) => Number(v.getBigInt64(o, le)) },
  1280: { name: 'uint64', bytes: 8, read: (v, o, le) => Number(v.getBigUint64(o, le)) },
};

/**
 * Intent codes (nifti1.h, nifti2.h) whose voxels are one image value each: none, the statistic maps
 * (2..24), estimate, label, NeuroNames label, dimensionless and time series. Every other intent is
 * not an image on a voxel grid (CIFTI's 3000..3099 matrices over brainordinates, point sets,
 * triangles, vectors and matrices per voxel, FSL warp fields): rendering it would draw nonsense.
 */
function imageIntent(code: number): boolean {
  return code === 0 || (code >= 2 && code <= 24) || [1001, 1002, 1003, 1011, 2001].includes(code);
}

/** What an intent code is, for the message refusing it. */
function intentName(code: number): string {
  if (code >= 3000 && code <= 3099) return `CIFTI (intent ${code})`;
  return `intent ${code}`;
}

/** The header fields the renderer uses, the same for NIfTI-1 and NIfTI-2. */
export interface NiftiHeader {
  version: 1 | 2;
  littleEndian: boolean;
  /** Voxels along i, j, k (1 when the image has fewer dimensions), and volumes (t). */
  dims: [number, number, number];
  volumes: number;
  datatype: NiftiDatatype;
  datatypeCode: number;
  /** pixdim[0..3]: qfac, then voxel sizes. */
  pixdim: [number, number, number, number];
  voxOffset: number;
  sclSlope: number;
  sclInter: number;
  qformCode: number;
  sformCode: number;
  quatern: [number, number, number];
  qoffset: [number, number, number];
  srow: [number[], number[], number[]];
}

/** Bytes that hold either header (NIfTI-2's is 540, NIfTI-1's 348). */
export const NIFTI_HEADER_BYTES = 540;

/**
 * Parses a single-file NIfTI-1 (`n+1`) or NIfTI-2 (`n+2`) header, either byte order, from the first
 * bytes of the (decompressed) file. Pair files (`ni1`: .hdr + .img) are refused.
 */
export function parseNiftiHeader(file: string, bytes: Buffer): NiftiHeader {
  const bad = (reason: string) => new InputError('nifti/bad-header', file, reason);
  if (bytes.length < 348) throw bad('the file is shorter than a NIfTI header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const sizeLe = view.getInt32(0, true);
  const sizeBe = view.getInt32(0, false);
  const version = sizeLe === 348 || sizeBe === 348 ? 1 : sizeLe === 540 || sizeBe === 540 ? 2 : 0;
  if (version === 0) throw bad('sizeof_hdr is neither 348 (NIfTI-1) nor 540 (NIfTI-2)');
  const le = sizeLe === 348 || sizeLe === 540;
  if (version === 2 && bytes.length < 540) throw bad('the file is shorter than a NIfTI-2 header');
  const magic = version === 1 ? bytes.toString('latin1', 344, 347) : bytes.toString('latin1', 4, 7);
  if (magic === 'ni1' || magic === 'ni2')
    throw bad('a .hdr/.img pair is not supported; convert it to a single .nii');
  if (magic !== `n+${version}`) throw bad(`the magic is not "n+${version}"`);

  const i16 = (o: number) => view.getInt16(o, le);
  const i32 = (o: number) => view.getInt32(o, le);
  const i64 = (o: number) => Number(view.getBigInt64(o, le));
  const f32 = (o: number) => view.getFloat32(o, le);
  const f64 = (o: number) => view.getFloat64(o, le);
  const v1 = version === 1;
  const dim = Array.from({ length: 8 }, (_, i) => (v1 ? i16(40 + 2 * i) : i64(16 + 8 * i)));
  const pixdim = Array.from({ length: 8 }, (_, i) => (v1 ? f32(76 + 4 * i) : f64(104 + 8 * i)));
  const datatypeCode = v1 ? i16(70) : i16(12);
  const intentCode = v1 ? i16(68) : i32(504);
  if (!imageIntent(intentCode)) {
    throw new InputError(
      'nifti/not-an-image',
      file,
      `${intentName(intentCode)} is not an image on a voxel grid (only plain, statistic, label and time-series NIfTI render)`,
    );
  }
  const rank = dim[0]!;
  if (!(rank >= 1 && rank <= 7)) throw bad(`dim[0] is ${rank}, not 1..7`);
  const size = (axis: number) => (axis <= rank ? dim[axis]! : 1);
  const dims: [number, number, number] = [size(1), size(2), size(3)];
  if (dims.some((d) => !Number.isInteger(d) || d < 1))
    throw bad(`the image dimensions [${dims.join(', ')}] are not positive`);
  let volumes = 1;
  for (let axis = 4; axis <= rank; axis++) volumes *= Math.max(1, dim[axis]!);
  const datatype = NIFTI_DATATYPES[datatypeCode];
  if (!datatype)
    throw new InputError('nifti/unsupported-datatype', file, `datatype ${datatypeCode} is not supported`);
  const voxOffset = v1 ? f32(108) : i64(168);
  if (!(voxOffset >= (v1 ? 348 : 540)) || !Number.isInteger(voxOffset))
    throw bad(`vox_offset ${voxOffset} is invalid`);
  const floats = (o: number, n: number) =>
    Array.from({ length: n }, (_, i) => (v1 ? f32(o + 4 * i) : f64(o + 8 * i)));
  return {
    version,
    littleEndian: le,
    dims,
    volumes,
    datatype,
    datatypeCode,
    pixdim: [pixdim[0]!, pixdim[1]!, pixdim[2]!, pixdim[3]!],
    voxOffset,
    sclSlope: v1 ? f32(112) : f64(176),
    sclInter: v1 ? f32(116) : f64(184),
    qformCode: v1 ? i16(252) : i32(344),
    sformCode: v1 ? i16(254) : i32(348),
    quatern: floats(v1 ? 256 : 352, 3) as [number, number, number],
    qoffset: floats(v1 ? 268 : 376, 3) as [number, number, number],
    srow: [floats(v1 ? 280 : 400, 4), floats(v1 ? 296 : 432, 4), floats(v1 ? 312 : 464, 4)],
  };
}
