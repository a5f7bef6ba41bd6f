import { writeGreyAvi } from '../formats/avi.js';
import { toCsv } from '../formats/csv.js';
import { apicalFourChamber, echoFrame, leftVentricleA4c } from '../generators/echo.js';
import { createPrng } from '../prng.js';
import {
  type DatasetWriter,
  type DatasetWriterContext,
  numberLabel,
  prepare,
  put,
  type ScenarioSource,
  unplaceable,
} from './dataset-writer.js';

const ROOT = 'EchoNet-Dynamic';
const SIZE = 112;
const FPS = 50;
const FRAMES = 48;
/** One beat every 24 frames: end-diastole (largest ventricle) at 0 and 24, end-systole at 12 and 36. */
const PERIOD = 24;
export const ECHONET_END_DIASTOLE = 24;
export const ECHONET_END_SYSTOLE = 36;
const PATH = /^EchoNet-Dynamic\/Videos\/(0X[0-9A-F]{16})\.avi$/;

/** Left ventricle size factor of a frame: 1 at end-diastole, `systolic` at end-systole. */
function squeezeAt(frame: number, systolic: number): number {
  const t = (frame % PERIOD) / PERIOD;
  const tri = t < 0.5 ? 2 * t : 2 - 2 * t;
  return 1 - (1 - systolic) * tri;
}

/** 21 rows per frame as EchoNet traces: the long axis, then 20 chords across the ventricle. */
function tracingRows(fileName: string, frame: number, squeeze: number): (string | number)[][] {
  const v = leftVentricleA4c(SIZE, squeeze);
  const f = (n: number) => n.toFixed(2);
  const rows: (string | number)[][] = [[fileName, f(v.cx), f(v.cy - v.ry), f(v.cx), f(v.cy + v.ry), frame]];
  for (let k = 0; k < 20; k++) {
    const y = v.cy - v.ry + ((k + 0.5) * 2 * v.ry) / 20;
    const half = v.rx * Math.sqrt(1 - ((y - v.cy) / v.ry) ** 2);
    rows.push([fileName, f(v.cx - half), f(y), f(v.cx + half), f(y), frame]);
  }
  return rows;
}

function frames(systolic: number, seed: number): Uint8Array[] {
  return Array.from(
    { length: FRAMES },
    (_, f) =>
      echoFrame(SIZE, { seed, speckle: 90, speckleSeed: seed + 1 + f }, (r) =>
        apicalFourChamber(r, squeezeAt(f, systolic)),
      ).data,
  );
}

/** EchoNet-Dynamic: MJPEG AVIs (112×112), FileList.csv and VolumeTracings.csv on ED and ES frames. */
export const echonetWriter: DatasetWriter = {
  id: 'echonet-dynamic',
  async write(ctx: DatasetWriterContext) {
    const rng = createPrng(ctx.seed);
    const byName = new Map<string, ScenarioSource | undefined>();
    for (let i = 0; i < 3; i++) {
      const hex = Array.from({ length: 16 }, () => '0123456789ABCDEF'[rng.int(16)]).join('');
      byName.set(`0X${hex}`, undefined);
    }
    for (const s of ctx.sources) {
      const m = PATH.exec(s.source.path);
      if (!m) throw unplaceable(s, `${ROOT}/Videos/0X<16 hex digits>.avi`);
      byName.set(m[1]!, s);
    }
    const fileList: (string | number)[][] = [];
    const tracings: (string | number)[][] = [];
    const splits = ['TRAIN', 'VAL', 'TEST'];
    for (const [i, name] of [...byName.keys()].sort().entries()) {
      const ef = numberLabel(byName.get(name), 'EF') ?? 30 + rng.int(40);
      const edv = numberLabel(byName.get(name), 'EDV') ?? 90 + rng.int(60);
      const esv = edv * (1 - ef / 100);
      // Volume goes with the cube of the linear size.
      const systolic = Math.cbrt(esv / edv);
      await writeGreyAvi(
        await prepare(ctx, `${ROOT}/Videos/${name}.avi`),
        frames(systolic, ctx.seed + i * 101),
        SIZE,
        SIZE,
        FPS,
      );
      fileList.push([
        name,
        ef.toFixed(2),
        esv.toFixed(2),
        edv.toFixed(2),
        SIZE,
        SIZE,
        FPS,
        FRAMES,
        splits[i % 3]!,
      ]);
      tracings.push(...tracingRows(`${name}.avi`, ECHONET_END_DIASTOLE, 1));
      tracings.push(...tracingRows(`${name}.avi`, ECHONET_END_SYSTOLE, systolic));
    }
    await put(
      ctx,
      `${ROOT}/FileList.csv`,
      toCsv(
        ['FileName', 'EF', 'ESV', 'EDV', 'FrameHeight', 'FrameWidth', 'FPS', 'NumberOfFrames', 'Split'],
        fileList,
      ),
    );
    await put(
      ctx,
      `${ROOT}/VolumeTracings.csv`,
      toCsv(['FileName', 'X1', 'Y1', 'X2', 'Y2', 'Frame'], tracings),
    );
  },
};
