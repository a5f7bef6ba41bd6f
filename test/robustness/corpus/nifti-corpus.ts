/**
 * Bad NIfTI files from a valid volume written by the synthetic-data writer: every header field the
 * reader relies on set wrong (size, magic, rank, dimensions, datatype, bitpix, vox_offset, scaling,
 * affine), voxel data cut short, and gzip streams that are cut or are not gzip.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { encodeNiftiGz } from '../../../actions/lib/synth/formats/nifti.js';
import { type FormatCase, patched } from './format-case.js';

/** Writes the NIfTI corpus into `dir`. */
export function niftiCorpus(dir: string): FormatCase[] {
  const volume = {
    dims: [8, 8, 4] as [number, number, number],
    spacing: [1, 1, 2] as [number, number, number],
    data: Int16Array.from({ length: 256 }, (_, i) => i * 3 - 200),
  };
  const raw = new Uint8Array(gunzipSync(encodeNiftiGz(volume)));
  const cases: FormatCase[] = [];
  const recipe = { kind: 'nifti', axis: 'axial', slice: 'middle' } as const;
  const add = (
    name: string,
    bytes: Uint8Array,
    mustFail = true,
    gz = true,
    r: FormatCase['recipe'] = recipe,
  ) => {
    const file = path.join(dir, `${name}.nii${gz ? '.gz' : ''}`);
    writeFileSync(file, gz ? gzipSync(bytes) : bytes);
    cases.push({ name, file, recipe: r, mustFail });
  };
  const header = (patch: (v: DataView) => void, name: string, mustFail = true) =>
    add(
      name,
      patched(raw, (v) => patch(v)),
      mustFail,
    );

  header((v) => v.setInt32(0, 349, true), 'sizeof-hdr-349');
  header((v) => v.setInt32(0, 0, true), 'sizeof-hdr-0');
  header((v) => v.setUint8(345, 0x3f), 'bad-magic');
  header((v) => v.setUint8(345, 0x69), 'pair-magic-ni1');
  header((v) => v.setInt16(40, 0, true), 'rank-0');
  header((v) => v.setInt16(40, 9, true), 'rank-9');
  header((v) => v.setInt16(40, -1, true), 'rank-negative');
  header((v) => v.setInt16(42, 0, true), 'dim-zero');
  header((v) => v.setInt16(44, -8, true), 'dim-negative');
  header((v) => {
    for (const at of [42, 44, 46]) v.setInt16(at, 32767, true);
  }, 'dims-absurd');
  header(
    (v) => {
      v.setInt16(40, 7, true);
      for (let at = 48; at <= 54; at += 2) v.setInt16(at, 32767, true);
    },
    'volumes-absurd',
    false,
  );
  header((v) => v.setInt16(70, 128, true), 'datatype-rgb24');
  header((v) => v.setInt16(70, 0, true), 'datatype-unknown');
  header((v) => v.setInt16(70, 2, true), 'datatype-uint8-short-bitpix', false);
  header((v) => v.setInt16(70, 64, true), 'datatype-float64-too-few-voxels');
  header((v) => v.setFloat32(108, 1e9, true), 'vox-offset-past-end');
  header((v) => v.setFloat32(108, 100, true), 'vox-offset-inside-header');
  header((v) => v.setFloat32(108, Number.NaN, true), 'vox-offset-nan');
  header((v) => v.setFloat32(108, 352.5, true), 'vox-offset-fraction');
  header((v) => v.setFloat32(112, Number.NaN, true), 'scl-slope-nan', false);
  header((v) => v.setFloat32(112, Number.POSITIVE_INFINITY, true), 'scl-slope-infinite', false);
  header((v) => v.setFloat32(116, 3.4e38, true), 'scl-inter-huge', false);
  header(
    (v) => {
      for (let at = 280; at < 328; at += 4) v.setFloat32(at, Number.NaN, true);
    },
    'affine-nan',
    false,
  );
  header(
    (v) => {
      for (let at = 280; at < 328; at += 4) v.setFloat32(at, 0, true);
      v.setInt16(252, 0, true);
    },
    'affine-singular',
    false,
  );
  header(
    (v) => {
      for (let at = 76; at < 108; at += 4) v.setFloat32(at, Number.NaN, true);
    },
    'pixdim-nan',
    false,
  );

  add('voxels-cut', raw.subarray(0, 352 + 100));
  add('header-cut', raw.subarray(0, 200));
  add('empty', new Uint8Array(0));
  add('not-gzip', raw.subarray(0, 100), true, false);
  const file = path.join(dir, 'gzip-cut.nii.gz');
  const gz = encodeNiftiGz(volume);
  writeFileSync(file, gz.subarray(0, Math.floor(gz.length / 2)));
  cases.push({ name: 'gzip-cut', file, recipe, mustFail: true });
  add('slice-past-end', raw, true, true, { kind: 'nifti', axis: 'axial', slice: 99 });
  add('text', new TextEncoder().encode('Doe^Jane MRN-123456 '.repeat(30)), true, false);
  return cases;
}
