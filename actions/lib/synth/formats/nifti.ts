import { gzipSync } from 'node:zlib';

/** A 3-D volume: x fastest, then y, then z (NIfTI order). */
export interface Volume {
  dims: [number, number, number];
  /** Voxel size in mm. */
  spacing: [number, number, number];
  data: Int16Array | Uint8Array;
}

/**
 * A gzipped single-file NIfTI-1 (.nii.gz): 348-byte header, 4-byte empty extension, voxels. The
 * sform is the voxel size on the diagonal, so readers agree on orientation.
 */
export function encodeNiftiGz(volume: Volume): Buffer {
  const [nx, ny, nz] = volume.dims;
  const int16 = volume.data instanceof Int16Array;
  const header = Buffer.alloc(352);
  header.writeInt32LE(348, 0); // sizeof_hdr
  header.writeInt16LE(3, 40); // dim[0]
  header.writeInt16LE(nx, 42);
  header.writeInt16LE(ny, 44);
  header.writeInt16LE(nz, 46);
  for (let i = 4; i < 8; i++) header.writeInt16LE(1, 40 + i * 2);
  header.writeInt16LE(int16 ? 4 : 2, 70); // datatype: DT_INT16 or DT_UINT8
  header.writeInt16LE(int16 ? 16 : 8, 72); // bitpix
  header.writeFloatLE(1, 76); // pixdim[0] = qfac
  for (const [i, s] of volume.spacing.entries()) header.writeFloatLE(s, 80 + i * 4);
  header.writeFloatLE(352, 108); // vox_offset
  header.writeFloatLE(1, 112); // scl_slope
  header.writeFloatLE(0, 116); // scl_inter
  header.writeUInt8(10, 123); // xyzt_units: mm, s
  header.writeInt16LE(1, 252); // qform_code: scanner
  header.writeInt16LE(1, 254); // sform_code: scanner
  // quatern_b/c/d (256–267) and qoffset (268–279) stay 0: identity rotation at the origin.
  const [sx, sy, sz] = volume.spacing;
  // srow_x, srow_y, srow_z: the voxel size on the diagonal, no offset.
  header.writeFloatLE(sx, 280);
  header.writeFloatLE(sy, 296 + 4);
  header.writeFloatLE(sz, 312 + 8);
  header.write('n+1\0', 344, 'latin1');
  const voxels = Buffer.from(volume.data.buffer, volume.data.byteOffset, volume.data.byteLength);
  return gzipSync(Buffer.concat([header, voxels]));
}
