import sharp from 'sharp';
import { toCsv } from '../formats/csv.js';
import { createPrng } from '../prng.js';
import { renderSyntheticPixels } from '../synthetic-image.js';
import {
  type DatasetWriter,
  type DatasetWriterContext,
  numberLabel,
  put,
  type ScenarioSource,
  unplaceable,
} from './dataset-writer.js';

const ROOT = 'CheXpert-v1.0-small';
const OBSERVATIONS = [
  'No Finding',
  'Enlarged Cardiomediastinum',
  'Cardiomegaly',
  'Lung Opacity',
  'Lung Lesion',
  'Edema',
  'Consolidation',
  'Pneumonia',
  'Atelectasis',
  'Pneumothorax',
  'Pleural Effusion',
  'Pleural Other',
  'Fracture',
  'Support Devices',
];
/** The real header of train.csv and valid.csv. */
export const CHEXPERT_HEADER = ['Path', 'Sex', 'Age', 'Frontal/Lateral', 'AP/PA', ...OBSERVATIONS];
const PATH = /^CheXpert-v1\.0-small\/(train|valid)\/patient\d{5}\/study\d+\/view\d+_(frontal|lateral)\.jpg$/;
const BASE = [
  'train/patient00001/study1/view1_frontal.jpg',
  'train/patient00002/study1/view1_frontal.jpg',
  'train/patient00002/study1/view2_lateral.jpg',
  'train/patient00003/study2/view1_frontal.jpg',
  'valid/patient64540/study1/view1_frontal.jpg',
].map((p) => `${ROOT}/${p}`);

function code(v: number | undefined): string {
  return v === undefined ? '' : v.toFixed(1);
}

/** CheXpert: JPEG radiographs by patient and study, train.csv and valid.csv with the real header. */
export const chexpertWriter: DatasetWriter = {
  id: 'chexpert',
  async write(ctx: DatasetWriterContext) {
    const bySource = new Map<string, ScenarioSource>();
    for (const s of ctx.sources) {
      if (!PATH.test(s.source.path))
        throw unplaceable(s, `${ROOT}/{train,valid}/patientNNNNN/studyN/viewN_{frontal|lateral}.jpg`);
      bySource.set(s.source.path, s);
    }
    const paths = [...new Set([...BASE, ...bySource.keys()])].sort();
    const rng = createPrng(ctx.seed);
    const rows: Record<'train' | 'valid', (string | number)[][]> = { train: [], valid: [] };
    for (const [i, p] of paths.entries()) {
      const s = bySource.get(p);
      const frontal = p.endsWith('_frontal.jpg');
      const labels = OBSERVATIONS.map((name) => {
        const given = numberLabel(s, name);
        if (given !== undefined || s) return given;
        const r = rng.int(6);
        return r === 0 ? 1 : r === 1 ? 0 : r === 2 ? -1 : undefined;
      });
      const opacity =
        labels[OBSERVATIONS.indexOf('Pneumonia')] === 1 || labels[OBSERVATIONS.indexOf('Lung Opacity')] === 1;
      const pixels = renderSyntheticPixels({
        generator: 'xray',
        seed: ctx.seed + i,
        parameters: { region: 'chest', opacity },
      });
      const jpeg = await sharp(Buffer.from(pixels.data), {
        raw: { width: pixels.width, height: pixels.height, channels: 1 },
      })
        .jpeg({ quality: 90 })
        .toBuffer();
      await put(ctx, p, jpeg);
      const split = p.split('/')[1] as 'train' | 'valid';
      rows[split].push([
        p,
        i % 2 ? 'Male' : 'Female',
        40 + rng.int(50),
        frontal ? 'Frontal' : 'Lateral',
        frontal ? 'AP' : '',
        ...labels.map(code),
      ]);
    }
    await put(ctx, `${ROOT}/train.csv`, toCsv(CHEXPERT_HEADER, rows.train));
    await put(ctx, `${ROOT}/valid.csv`, toCsv(CHEXPERT_HEADER, rows.valid));
  },
};
