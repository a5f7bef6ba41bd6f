import { toCsv } from '../formats/csv.js';
import { writeHdf5 } from '../formats/hdf5.js';
import { createPrng } from '../prng.js';
import { Raster } from '../raster.js';
import { renderSyntheticPixels } from '../synthetic-image.js';
import {
  type DatasetWriter,
  type DatasetWriterContext,
  numberLabel,
  prepare,
  put,
  type ScenarioSource,
  unplaceable,
} from './dataset-writer.js';

const SIZE = 128;
const FRAMES_PER_NODULE = 6;
/** The real metadata.csv header. */
export const THYROID_METADATA_HEADER = [
  'annot_id',
  'age',
  'sex',
  'location',
  'size_x',
  'size_y',
  'size_z',
  'ti-rads_composition',
  'ti-rads_echogenicity',
  'ti-rads_shape',
  'ti-rads_margin',
  'ti-rads_echogenicfoci',
  'ti-rads_level',
  'histopath_diagnosis',
];

/** The nodule as the ultrasound generator draws it, as a 0/255 mask. */
function noduleMask(): Uint8Array {
  const r = new Raster(SIZE, SIZE);
  const nodule = { cx: SIZE * 0.52, cy: SIZE * 0.55, rx: SIZE * 0.17, ry: SIZE * 0.12, soft: 0.15 };
  const mask = new Uint8Array(SIZE * SIZE);
  for (let y = 0; y < SIZE; y++)
    for (let x = 0; x < SIZE; x++) mask[y * SIZE + x] = r.coverage(nodule, x, y) >= 0.5 ? 255 : 0;
  return mask;
}

/**
 * Thyroid cine-clips as the real download ships them: one dataset.hdf5 (image [N,H,W] uint8, mask,
 * annot_id per frame) and metadata.csv, one row per nodule.
 */
export const thyroidWriter: DatasetWriter = {
  id: 'thyroid-ultrasound',
  async write(ctx: DatasetWriterContext) {
    const rng = createPrng(ctx.seed);
    const nodules = new Map<string, ScenarioSource | undefined>([
      ['1_', undefined],
      ['2_', undefined],
    ]);
    for (const s of ctx.sources) {
      const select = s.source.recipe.kind === 'hdf5' ? s.source.recipe.select : undefined;
      if (s.source.path !== 'dataset.hdf5') throw unplaceable(s, 'dataset.hdf5 and metadata.csv');
      if (select?.key === 'annot_id') nodules.set(String(select.value), s);
    }
    const ids = [...nodules.keys()].sort();
    const images: Uint8Array[] = [];
    const masks: Uint8Array[] = [];
    const annot: string[] = [];
    const rows: (string | number)[][] = [];
    const mask = noduleMask();
    for (const [n, id] of ids.entries()) {
      const s = nodules.get(id);
      const malignant = numberLabel(s, 'histopath_diagnosis') ?? rng.int(2);
      const level = numberLabel(s, 'ti-rads_level') ?? 2 + rng.int(4);
      for (let f = 0; f < FRAMES_PER_NODULE; f++) {
        const echogenicity = malignant ? 'hypo' : 'hyper';
        const pixels = renderSyntheticPixels({
          generator: 'ultrasound',
          seed: ctx.seed + n * 100 + f,
          parameters: { size: SIZE, nodule: true, echogenicity },
        });
        images.push(pixels.data);
        masks.push(mask);
        annot.push(id);
      }
      rows.push([
        id,
        30 + rng.int(50),
        rng.int(3) ? 'F' : 'M',
        rng.int(2) ? 'Left' : 'Right',
        1.2,
        0.9,
        1.0,
        'solid',
        malignant ? 'hypoechoic' : 'hyperechoic',
        'wider-than-tall',
        'smooth',
        'none',
        level,
        malignant,
      ]);
    }
    const concat = (parts: Uint8Array[]) => {
      const out = new Uint8Array(parts.length * SIZE * SIZE);
      for (const [i, p] of parts.entries()) out.set(p, i * SIZE * SIZE);
      return out;
    };
    await writeHdf5(await prepare(ctx, 'dataset.hdf5'), [
      { name: 'image', data: concat(images), shape: [images.length, SIZE, SIZE] },
      { name: 'mask', data: concat(masks), shape: [masks.length, SIZE, SIZE] },
      { name: 'annot_id', data: annot, shape: [annot.length] },
    ]);
    await put(ctx, 'metadata.csv', toCsv(THYROID_METADATA_HEADER, rows));
  },
};
