import { toCsv } from '../formats/csv.js';
import { encodeStoredPng } from '../stored-png.js';
import { renderSyntheticPixels } from '../synthetic-image.js';
import {
  type DatasetWriter,
  type DatasetWriterContext,
  put,
  type ScenarioSource,
  unplaceable,
} from './dataset-writer.js';

const ROOT = 'MURA-v1.1';
const TYPES = ['XR_ELBOW', 'XR_FINGER', 'XR_FOREARM', 'XR_HAND', 'XR_HUMERUS', 'XR_SHOULDER', 'XR_WRIST'];
const PATH =
  /^MURA-v1\.1\/(train|valid)\/XR_[A-Z]+\/patient\d{5}\/study\d+_(positive|negative)\/image\d+\.png$/;

function basePaths(): string[] {
  const paths = TYPES.flatMap((t, i) => {
    const study = `${ROOT}/train/${t}/patient${String(i + 1).padStart(5, '0')}/study1_${i % 2 ? 'positive' : 'negative'}`;
    return [`${study}/image1.png`, `${study}/image2.png`];
  });
  paths.push(`${ROOT}/valid/XR_WRIST/patient11184/study1_negative/image1.png`);
  return paths;
}

/** MURA: PNG images by study type, patient and study; headerless image-path and study-label CSVs. */
export const muraWriter: DatasetWriter = {
  id: 'mura',
  async write(ctx: DatasetWriterContext) {
    const bySource = new Map<string, ScenarioSource>();
    for (const s of ctx.sources) {
      if (!PATH.test(s.source.path))
        throw unplaceable(
          s,
          `${ROOT}/{train,valid}/XR_<PART>/patientNNNNN/studyN_{positive|negative}/imageN.png`,
        );
      bySource.set(s.source.path, s);
    }
    const paths = [...new Set([...basePaths(), ...bySource.keys()])].sort();
    const images: Record<string, string[][]> = { train: [], valid: [] };
    const studies: Record<string, Map<string, number>> = { train: new Map(), valid: new Map() };
    for (const [i, p] of paths.entries()) {
      const positive = p.includes('_positive/');
      const region = p.split('/')[2]!.slice(3).toLowerCase();
      const pixels = renderSyntheticPixels({
        generator: 'xray',
        seed: ctx.seed + i,
        parameters: { region, fracture: positive },
      });
      await put(ctx, p, encodeStoredPng(pixels));
      const split = p.split('/')[1]!;
      images[split]!.push([p]);
      studies[split]!.set(`${p.slice(0, p.lastIndexOf('/'))}/`, positive ? 1 : 0);
    }
    for (const split of ['train', 'valid']) {
      await put(ctx, `${ROOT}/${split}_image_paths.csv`, toCsv(null, images[split]!));
      await put(ctx, `${ROOT}/${split}_labeled_studies.csv`, toCsv(null, [...studies[split]!.entries()]));
    }
  },
};
