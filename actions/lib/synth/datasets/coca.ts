import { chestSliceHu } from '../ct-phantom.js';
import { writeCtSeries } from '../formats/ct-series.js';
import { encodePlist } from '../formats/plist.js';
import { encodeXlsx } from '../formats/xlsx.js';
import { createPrng } from '../prng.js';
import { type DatasetWriter, type DatasetWriterContext, put, unplaceable } from './dataset-writer.js';

const SIZE = 96;
const SLICES = 6;
const SPACING_MM = 0.7;
const GATED_SERIES = 'Gated_CS_3.0mm';

/** A calcium ROI as OsiriX exports it: polygon points in pixels and in mm. */
function calciumRoi(name: string, cx: number, cy: number) {
  const points = [
    [cx - 1.5, cy - 1.5],
    [cx + 1.5, cy - 1.5],
    [cx + 1.5, cy + 1.5],
    [cx - 1.5, cy + 1.5],
  ];
  return {
    Name: name,
    Area: 9 * SPACING_MM * SPACING_MM,
    NumberOfPoints: points.length,
    Point_px: points.map(([x, y]) => `(${x!.toFixed(3)}, ${y!.toFixed(3)})`),
    Point_mm: points.map(
      ([x, y]) => `(${(x! * SPACING_MM).toFixed(3)}, ${(y! * SPACING_MM).toFixed(3)}, 0.000)`,
    ),
  };
}

/**
 * COCA: gated coronary CT (DICOM, stored = HU + 1024) with calcium_xml plists, and non-gated chest
 * CT with an Agatston scores sheet. Chest and heart only, as the real dataset.
 */
export const cocaWriter: DatasetWriter = {
  id: 'coca',
  async write(ctx: DatasetWriterContext) {
    const s = ctx.sources[0];
    // No scenario takes COCA as a source today (its anatomy fits none); new ones must follow the layout.
    if (s && !/^(Gated_release_final\/patient\/\d+\/|deidentified_nongated\/\d+\/)/.test(s.source.path)) {
      throw unplaceable(
        s,
        'Gated_release_final/patient/<id>/<series>/*.dcm or deidentified_nongated/<id>/<series>/*.dcm',
      );
    }
    const rng = createPrng(ctx.seed);
    for (const id of ['0', '1']) {
      const calcium = id === '1';
      const slices = Array.from({ length: SLICES }, (_, z) =>
        chestSliceHu(SIZE, z / SLICES, ctx.seed + z, calcium && z >= 2 && z <= 3),
      );
      await writeCtSeries({
        dir: `${ctx.dir}/Gated_release_final/patient/${id}/${GATED_SERIES}`,
        fileName: (n) => `IM-0001-${String(n).padStart(4, '0')}.dcm`,
        size: SIZE,
        slices,
        seriesDescription: 'Gated calcium score 3.0 mm',
        studyDescription: 'CT CARDIAC CALCIUM SCORE',
        uidSeed: `coca/gated/${id}`,
        pixelSpacing: SPACING_MM,
        sliceThickness: 3,
      });
      const images = calcium
        ? [2, 3].map((index) => ({
            ImageIndex: index,
            NumberOfROIs: 1,
            ROIs: [calciumRoi(index === 2 ? 'LAD' : 'RCA', 50 + rng.int(6), 46 + rng.int(6))],
          }))
        : [];
      await put(ctx, `Gated_release_final/calcium_xml/${id}.xml`, encodePlist({ Images: images }));
    }
    const scores: (string | number)[][] = [['ID', 'Agatston score']];
    for (const id of ['100', '101']) {
      const calcium = id === '101';
      await writeCtSeries({
        dir: `${ctx.dir}/deidentified_nongated/${id}/${id}`,
        fileName: (n) => `${String(n).padStart(6, '0')}.dcm`,
        size: SIZE,
        slices: Array.from({ length: SLICES }, (_, z) =>
          chestSliceHu(SIZE, z / SLICES, ctx.seed + 50 + z, calcium && z === 3),
        ),
        seriesDescription: 'Chest 5.0 mm',
        studyDescription: 'CT CHEST WITHOUT CONTRAST',
        uidSeed: `coca/nongated/${id}`,
        pixelSpacing: SPACING_MM,
        sliceThickness: 5,
      });
      scores.push([id, calcium ? 112 : 0]);
    }
    await put(ctx, 'deidentified_nongated/scores.xlsx', encodeXlsx('scores', scores));
  },
};
