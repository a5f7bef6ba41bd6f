import { InputError } from '../../errors.js';
import { NIFTI_HEADER_BYTES, type NiftiHeader, parseNiftiHeader } from './nifti-header.js';
import { openNiftiBytes } from './read-nifti-bytes.js';

/** Largest first volume a header may declare (a 512×512×1000 float32 volume is 1 GB). */
export const MAX_NIFTI_VOLUME_BYTES = 1_500_000_000;

/** Most voxel bytes read into memory for one render, so a process stays under 1 GB. */
export const MAX_NIFTI_READ_BYTES = 768 * 1024 * 1024;

/**
 * Largest vox_offset accepted: the header and its extensions (CIFTI XML, DICOM headers) are kilobytes
 * to a few megabytes; a vox_offset of billions asks for inflating billions of bytes to skip.
 */
export const MAX_NIFTI_VOX_OFFSET = 256 * 1024 * 1024;

/** A NIfTI file's header and the bytes of (the start of) its first volume. */
export interface NiftiVolume {
  header: NiftiHeader;
  /** Voxel data from vox_offset; at least `voxels` voxels, where `voxels` was asked for. */
  view: DataView;
  /** Stored value of voxel (i, j, k) with scl_slope / scl_inter applied (when slope is finite and ≠ 0). */
  value(i: number, j: number, k: number): number;
}

/**
 * Reads a NIfTI header, then only the voxels needed: `voxelsNeeded(header)` says how many of the
 * first volume's voxels, in file order, to read (a slice along k needs none past its end).
 */
export async function readNiftiVolume(
  file: string,
  voxelsNeeded: (header: NiftiHeader) => number,
): Promise<NiftiVolume> {
  const reader = await openNiftiBytes(file);
  try {
    const header = parseNiftiHeader(file, await reader.read(NIFTI_HEADER_BYTES));
    const [nx, ny, nz] = header.dims;
    const volumeBytes = nx * ny * nz * header.datatype.bytes;
    if (volumeBytes > MAX_NIFTI_VOLUME_BYTES) {
      throw new InputError(
        'nifti/too-large',
        file,
        `a ${nx}×${ny}×${nz} ${header.datatype.name} volume is larger than allowed`,
      );
    }
    const voxels = Math.min(voxelsNeeded(header), nx * ny * nz);
    const dataBytes = voxels * header.datatype.bytes;
    if (dataBytes > MAX_NIFTI_READ_BYTES) {
      throw new InputError(
        'nifti/too-large',
        file,
        `rendering needs ${dataBytes} bytes of voxels, more than the ${MAX_NIFTI_READ_BYTES} allowed`,
      );
    }
    if (header.voxOffset > MAX_NIFTI_VOX_OFFSET) {
      throw new InputError(
        'nifti/bad-header',
        file,
        `vox_offset ${header.voxOffset} is past the ${MAX_NIFTI_VOX_OFFSET} bytes a header and its extensions may take`,
      );
    }
    // Checked against what the file can hold before anything is allocated or inflated.
    const end = header.voxOffset + dataBytes;
    if (end > reader.maxSize) {
      throw new InputError(
        'nifti/truncated',
        file,
        `vox_offset and the voxel data need ${end} bytes; the file ${reader.gzip ? 'decompresses to at most' : 'holds'} ${reader.maxSize}`,
      );
    }
    // No voxel wanted (a slice past the end, reported by the caller): nothing to read or inflate.
    const bytes = dataBytes === 0 ? Buffer.alloc(0) : await reader.readRange(header.voxOffset, end);
    // A cut file must not render the planes its intact start holds: it must hold every volume.
    await reader.assertHolds(header.voxOffset + volumeBytes * header.volumes);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    const { read, bytes: size } = header.datatype;
    const le = header.littleEndian;
    const scaled = Number.isFinite(header.sclSlope) && header.sclSlope !== 0;
    const slope = scaled ? header.sclSlope : 1;
    const inter = scaled && Number.isFinite(header.sclInter) ? header.sclInter : 0;
    return {
      header,
      view,
      value: (i, j, k) => read(view, (i + nx * (j + ny * k)) * size, le) * slope + inter,
    };
  } finally {
    reader.close();
  }
}
