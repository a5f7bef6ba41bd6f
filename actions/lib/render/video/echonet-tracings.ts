import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { InputError } from '../../errors.js';

/** The two annotated frames of one EchoNet-Dynamic video, with the traced areas that decided them. */
export interface EchoNetAnnotatedFrames {
  endDiastole: { frame: number; area: number };
  endSystole: { frame: number; area: number };
}

type Tracings = Map<string, Map<number, number[][]>>;
const cache = new Map<string, { mtimeMs: number; size: number; tracings: Promise<Tracings> }>();

/** `0X1A2B3C4D.avi` and `0X1A2B3C4D` name the same video in VolumeTracings.csv. */
export function echoNetVideoKey(name: string): string {
  return basename(name)
    .replace(/\.avi$/i, '')
    .toUpperCase();
}

/**
 * Reads VolumeTracings.csv (FileName, X1, Y1, X2, Y2, Frame; one row per traced chord) once per
 * process and picks a video's end-diastolic and end-systolic frames by the traced left-ventricle
 * area, not by row order (which the dataset does not promise): end-diastole is the largest area,
 * end-systole the smallest. The area is that of EchoNet's own polygon: the first row of a frame is
 * the long axis and is left out, then the X1,Y1 ends followed by the X2,Y2 ends in reverse.
 */
export async function echoNetAnnotatedFrames(
  csvPath: string,
  video: string,
): Promise<EchoNetAnnotatedFrames> {
  const tracings = await loadTracings(csvPath);
  const frames = tracings.get(echoNetVideoKey(video));
  if (!frames || frames.size < 2) {
    throw new InputError(
      'video/no-annotation',
      video,
      `${csvPath} does not trace two frames of this video (found ${frames?.size ?? 0})`,
    );
  }
  const areas = [...frames].map(([frame, rows]) => ({ frame, area: tracedArea(rows) }));
  // Largest first; on equal areas the earlier frame wins, so the choice is deterministic.
  areas.sort((a, b) => b.area - a.area || a.frame - b.frame);
  const endDiastole = areas[0]!;
  const endSystole = areas[areas.length - 1]!;
  if (endDiastole.area === endSystole.area) {
    throw new InputError('video/no-annotation', video, `the traced frames in ${csvPath} have equal areas`);
  }
  return { endDiastole, endSystole };
}

/** Shoelace area of EchoNet's tracing polygon (rows are [X1, Y1, X2, Y2] in file order). */
export function tracedArea(rows: number[][]): number {
  const chords = rows.slice(1);
  const points = [...chords.map((r) => [r[0]!, r[1]!]), ...chords.reverse().map((r) => [r[2]!, r[3]!])];
  let twice = 0;
  for (let i = 0; i < points.length; i++) {
    const [x1, y1] = points[i]!;
    const [x2, y2] = points[(i + 1) % points.length]!;
    twice += x1! * y2! - x2! * y1!;
  }
  return Math.abs(twice) / 2;
}

async function loadTracings(csvPath: string): Promise<Tracings> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(csvPath);
  } catch {
    throw new InputError(
      'video/no-annotation',
      csvPath,
      'VolumeTracings.csv is missing (set the dataset root)',
    );
  }
  const cached = cache.get(csvPath);
  if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached.tracings;
  const tracings = parseTracings(csvPath);
  cache.set(csvPath, { mtimeMs: info.mtimeMs, size: info.size, tracings });
  tracings.catch(() => cache.delete(csvPath));
  return tracings;
}

async function parseTracings(csvPath: string): Promise<Tracings> {
  const tracings: Tracings = new Map();
  const lines = createInterface({ input: createReadStream(csvPath), crlfDelay: Number.POSITIVE_INFINITY });
  let columns: Record<string, number> | undefined;
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    const cells = line.split(',').map((c) => c.trim());
    if (!columns) {
      columns = Object.fromEntries(cells.map((name, i) => [name.replace(/^\uFEFF/, ''), i]));
      for (const name of ['FileName', 'X1', 'Y1', 'X2', 'Y2', 'Frame']) {
        if (columns[name] === undefined) {
          throw new InputError('video/bad-annotation', csvPath, `the header has no ${name} column`);
        }
      }
      continue;
    }
    const at = (name: string) => cells[columns![name]!] ?? '';
    const numbers = ['X1', 'Y1', 'X2', 'Y2'].map((n) => Number(at(n)));
    const frame = Number(at('Frame'));
    if (numbers.some((n) => !Number.isFinite(n)) || !Number.isInteger(frame) || frame < 0) {
      throw new InputError(
        'video/bad-annotation',
        csvPath,
        `line ${lineNumber} is not FileName,X1,Y1,X2,Y2,Frame numbers`,
      );
    }
    const key = echoNetVideoKey(at('FileName'));
    const frames = tracings.get(key) ?? new Map<number, number[][]>();
    tracings.set(key, frames);
    const rows = frames.get(frame) ?? [];
    frames.set(frame, rows);
    rows.push(numbers);
  }
  return tracings;
}
