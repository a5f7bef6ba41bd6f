import { createHash } from 'node:crypto';
import { headSliceHu } from '../ct-phantom.js';
import { toCsv } from '../formats/csv.js';
import { writeCtSeries } from '../formats/ct-series.js';
import { type DatasetWriter, type DatasetWriterContext, put, unplaceable } from './dataset-writer.js';

const ROOT = 'head_ct_dataset_anon';
const SIZE = 96;
const SLICES = 5;

/** A stand-in sinogram: float32 values; the real files' format is not verified. */
function sinogram(seed: string): Uint8Array {
  const values = new Float32Array(90 * SIZE);
  const bytes = createHash('sha256').update(seed).digest();
  for (let i = 0; i < values.length; i++) values[i] = bytes[i % bytes.length]! / 255;
  return new Uint8Array(values.buffer);
}

/** SinoCT: head CT series (DICOM) with a sinogram folder each, and labels.csv normal/abnormal. */
export const sinoctWriter: DatasetWriter = {
  id: 'sinoct',
  async write(ctx: DatasetWriterContext) {
    const s = ctx.sources[0];
    if (s && !/^head_ct_dataset_anon\/batch_\d+\/series_\d+\//.test(s.source.path)) {
      throw unplaceable(s, `${ROOT}/batch_*/series_*/reconstructed_image/*.dcm`);
    }
    const labels: string[][] = [];
    for (const [i, series] of ['series_1', 'series_2'].entries()) {
      const abnormal = i === 1;
      const base = `${ROOT}/batch_1/${series}`;
      await writeCtSeries({
        dir: `${ctx.dir}/${base}/reconstructed_image`,
        fileName: (n) => `${String(n).padStart(4, '0')}.dcm`,
        size: SIZE,
        slices: Array.from({ length: SLICES }, (_, z) =>
          headSliceHu(SIZE, (z + 0.5) / SLICES, ctx.seed + z, abnormal && z === 2),
        ),
        seriesDescription: 'HEAD 5mm',
        studyDescription: 'CT HEAD WITHOUT CONTRAST',
        uidSeed: `sinoct/${series}`,
        pixelSpacing: 0.45,
        sliceThickness: 5,
      });
      await put(ctx, `${base}/sinogram/sinogram.f32`, sinogram(series));
      labels.push([series, abnormal ? 'abnormal' : 'normal']);
    }
    await put(ctx, `${ROOT}/labels.csv`, toCsv(['series', 'label'], labels));
  },
};
