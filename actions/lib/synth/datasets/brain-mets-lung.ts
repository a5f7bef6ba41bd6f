import path from 'node:path';
import { encodeNiftiGz, type Volume } from '../formats/nifti.js';
import { writeTiledSlide } from '../formats/tiled-slide.js';
import { encodeXlsx } from '../formats/xlsx.js';
import { valueNoise } from '../prng.js';
import { renderSyntheticPixels } from '../synthetic-image.js';
import {
  type DatasetWriter,
  type DatasetWriterContext,
  prepare,
  put,
  unplaceable,
} from './dataset-writer.js';

const ROOT = 'Brain-Mets-Lung-MRI-Path-Segs';
const NX = 64;
const NY = 64;
const NZ = 24;
const TILE = 256;
/** Lesion centre and radius in voxels (the segmentation's largest slice is z = 14). */
const LESION = { x: NX * 0.66, y: NY * 0.36, z: 14, r: 5 };
const PATH = /^Brain-Mets-Lung-MRI-Path-Segs\/([A-Za-z0-9_-]+)\/([^/]+)$/;

type Kind = 't1ce' | 'flair' | 'seg-enhancing' | 'seg-edema';

function inEllipsoid(
  x: number,
  y: number,
  z: number,
  cx: number,
  cy: number,
  cz: number,
  rx: number,
  ry: number,
  rz: number,
) {
  const dx = (x - cx) / rx;
  const dy = (y - cy) / ry;
  const dz = (z - cz) / rz;
  return dx * dx + dy * dy + dz * dz;
}

/** A head MRI volume (int16) or a segmentation (uint8) with one metastasis and its oedema. */
function volume(kind: Kind, seed: number): Volume {
  const seg = kind.startsWith('seg');
  const data = seg ? new Uint8Array(NX * NY * NZ) : new Int16Array(NX * NY * NZ);
  const flair = kind === 'flair';
  for (let z = 0; z < NZ; z++) {
    for (let y = 0; y < NY; y++) {
      for (let x = 0; x < NX; x++) {
        const i = (z * NY + y) * NX + x;
        const head = inEllipsoid(x, y, z, NX / 2, NY / 2, NZ / 2, NX * 0.42, NY * 0.47, NZ * 0.55);
        const brain = inEllipsoid(x, y, z, NX / 2, NY / 2, NZ / 2, NX * 0.35, NY * 0.41, NZ * 0.48);
        const ventricle = Math.min(
          inEllipsoid(x, y, z, NX * 0.45, NY * 0.47, NZ / 2, NX * 0.04, NY * 0.12, NZ * 0.15),
          inEllipsoid(x, y, z, NX * 0.55, NY * 0.47, NZ / 2, NX * 0.04, NY * 0.12, NZ * 0.15),
        );
        const lesion = inEllipsoid(x, y, z, LESION.x, LESION.y, LESION.z, LESION.r, LESION.r, LESION.r * 0.8);
        const oedema = inEllipsoid(
          x,
          y,
          z,
          LESION.x,
          LESION.y,
          LESION.z,
          LESION.r * 1.8,
          LESION.r * 1.8,
          LESION.r * 1.4,
        );
        if (kind === 'seg-enhancing') data[i] = lesion <= 1 ? 1 : 0;
        else if (kind === 'seg-edema') data[i] = oedema <= 1 && brain <= 1 ? 1 : 0;
        else {
          let v = 0;
          if (head <= 1) v = flair ? 250 : 350;
          if (head <= 1 && brain > 1 && brain < 1.25) v = 60;
          if (brain <= 1) v = (flair ? 420 : 520) + 120 * (valueNoise(x + z * 7, y, 4, seed) - 0.5);
          if (brain <= 1 && ventricle <= 1) v = flair ? 90 : 160;
          if (flair && oedema <= 1 && brain <= 1) v = 900;
          if (!flair && lesion <= 1) v = lesion > 0.45 ? 1100 : 300;
          data[i] = Math.round(v);
        }
      }
    }
  }
  return { dims: [NX, NY, NZ], spacing: [3.5, 3.5, 6], data };
}

/** An H&E slide: tiles of the pathology generator, tumour nests in half of them. */
async function writeSlide(file: string, seed: number): Promise<void> {
  const cols = 4;
  const rows = 3;
  const width = cols * TILE;
  const rgb = new Uint8Array(width * rows * TILE * 3);
  for (let ty = 0; ty < rows; ty++) {
    for (let tx = 0; tx < cols; tx++) {
      const tile = renderSyntheticPixels({
        generator: 'pathology',
        seed: seed + ty * cols + tx,
        parameters: { size: TILE, tumour: (tx + ty) % 2 === 0 },
      });
      for (let y = 0; y < TILE; y++) {
        rgb.set(
          tile.data.subarray(y * TILE * 3, (y + 1) * TILE * 3),
          ((ty * TILE + y) * width + tx * TILE) * 3,
        );
      }
    }
  }
  await writeTiledSlide(file, rgb, width, rows * TILE);
}

function kindOf(name: string): Kind | 'svs' | undefined {
  if (name.endsWith('.svs')) return 'svs';
  if (!name.endsWith('.nii.gz')) return undefined;
  if (name.includes('seg')) return name.includes('flair') ? 'seg-edema' : 'seg-enhancing';
  return name.includes('flair') ? 'flair' : 't1ce';
}

/**
 * Brain-Mets-Lung: one folder per case with NIfTI volumes (t1ce_img, flair_img and segmentations)
 * and a tiled slide named .svs; a clinical spreadsheet at the top.
 */
export const brainMetsLungWriter: DatasetWriter = {
  id: 'brain-mets-lung',
  async write(ctx: DatasetWriterContext) {
    const files = new Map<string, Set<string>>();
    const want = (c: string, name: string) => files.set(c, (files.get(c) ?? new Set()).add(name));
    for (const c of ['BML-001', 'BML-002']) {
      for (const name of [
        't1ce_img.nii.gz',
        'flair_img.nii.gz',
        't1ce_seg.nii.gz',
        'flair_seg.nii.gz',
        `${c}.svs`,
      ])
        want(c, name);
    }
    for (const s of ctx.sources) {
      const m = PATH.exec(s.source.path);
      if (!m || !kindOf(m[2]!))
        throw unplaceable(s, `${ROOT}/<case>/{t1ce_img,flair_img,*seg*}.nii.gz or <case>/<case>.svs`);
      want(m[1]!, m[2]!);
      const segmentation = s.source.recipe.kind === 'nifti' ? s.source.recipe.segmentation : undefined;
      if (segmentation) {
        // The recipe names the segmentation relative to the volume's folder.
        const name = path.posix.normalize(segmentation);
        if (name.includes('/') || !kindOf(name))
          throw unplaceable(s, 'a segmentation file next to the volume');
        want(m[1]!, name);
      }
    }
    const cases = [...files.keys()].sort();
    for (const [n, c] of cases.entries()) {
      for (const name of [...files.get(c)!].sort()) {
        const kind = kindOf(name)!;
        const relative = `${ROOT}/${c}/${name}`;
        if (kind === 'svs') await writeSlide(await prepare(ctx, relative), ctx.seed + n * 100);
        else await put(ctx, relative, encodeNiftiGz(volume(kind, ctx.seed + n)));
      }
    }
    const clinical: (string | number)[][] = [['Case', 'Primary', 'EGFR', 'ALK', 'PD-L1']];
    for (const [i, c] of cases.entries()) {
      clinical.push([c, 'NSCLC', i % 2 ? 'mutant' : 'wild-type', 'negative', i % 2 ? '50%' : '1%']);
    }
    await put(ctx, `${ROOT}/clinical_data.xlsx`, encodeXlsx('clinical', clinical));
  },
};
