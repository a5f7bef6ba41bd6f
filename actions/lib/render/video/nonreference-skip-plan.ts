import type { FileHandle } from 'node:fs/promises';
import { inspectContainer, isMp4Head } from './count-container-frames.js';
import {
  type Box,
  boxes,
  child,
  editWindow,
  firstVideoTrack,
  presentationTimes,
  readAt,
  readMoov,
  timescaleOf,
} from './mp4-boxes.js';

/**
 * How to decode one frame of an H.264 MP4/MOV with the decoder skipping non-reference pictures
 * (`-skip_frame noref`): nothing refers to them, so every other picture decodes exactly as in a full
 * decode, and the frame wanted (itself a reference picture) comes out with its own timestamp.
 */
export interface SkipPlan {
  /** The frame's index among the frames the decoder puts out when non-reference pictures are skipped. */
  outputIndex: number;
  /** Its presentation timestamp in the stream's time base, as ffmpeg's mov demuxer gives it (`-copyts`). */
  pts: number;
}

/**
 * The select-filter condition for the frame at decoded index `index`, or for a skip plan's frame:
 * with a plan both its output index and its timestamp must hold, so a plan the decoder disagrees
 * with selects nothing (never a neighbour).
 */
export function frameCondition(index: number, skip?: SkipPlan): string {
  return skip ? `eq(n\\,${skip.outputIndex})*eq(pts\\,${skip.pts})` : `eq(n\\,${index})`;
}

/** NAL units walked in one sample before giving up (a picture is a handful: delimiters, SEI, slices). */
const MAX_NALS_PER_SAMPLE = 512;
/** Bytes read at a time while walking NAL unit headers. */
const WINDOW = 64 * 1024;

/**
 * A skip plan for the frame at `index` (decoded-frame index in presentation order, as renderVideo
 * counts them) when it is safe and saves work, else undefined. Safe means: a non-fragmented MP4/MOV
 * whose first video track is H.264 (`avc1`/`avc3`, one sample description), no edit list or one
 * plain edit (as the container frame count models them), `frames` presented frames with distinct
 * presentation times, and every sample up to the frame made only of ordinary slices whose
 * nal_ref_idc says the same for the whole picture; the frame itself must be a reference picture.
 * It saves work only when some non-reference picture comes before the frame.
 *
 * The caller selects the frame by output index and timestamp together, so a model that disagreed
 * with the decoder would select nothing (and fall back to a full decode), never another frame.
 */
export function nonReferenceSkipPlan(
  file: string,
  index: number,
  frames: number,
): Promise<SkipPlan | undefined> {
  return inspectContainer(file, async (handle, size, head) => {
    if (!isMp4Head(head)) return undefined;
    const moov = await readMoov(handle, size);
    return moov && (await plan(handle, moov, index, frames));
  });
}

async function plan(
  handle: FileHandle,
  moov: Buffer,
  index: number,
  frames: number,
): Promise<SkipPlan | undefined> {
  const track = firstVideoTrack(moov);
  if (!track) return undefined;
  const mdhd = child(moov, track.mdia, 'mdhd');
  const minf = child(moov, track.mdia, 'minf');
  const stbl = minf && child(moov, minf, 'stbl');
  if (!mdhd || !stbl) return undefined;

  // H.264 with its NAL unit length size from avcC.
  const stsd = child(moov, stbl, 'stsd');
  if (!stsd || moov.readUInt32BE(stsd.start + 4) !== 1) return undefined;
  const entry = boxes(moov, stsd.start + 8, stsd.end).next().value as Box | undefined;
  if (!entry || (entry.type !== 'avc1' && entry.type !== 'avc3')) return undefined;
  // A VisualSampleEntry's fixed fields take 78 bytes; its child boxes follow.
  let lengthSize = 0;
  for (const box of boxes(moov, entry.start + 78, entry.end))
    if (box.type === 'avcC' && box.end - box.start >= 5) lengthSize = (moov[box.start + 4]! & 3) + 1;
  if (lengthSize !== 1 && lengthSize !== 2 && lengthSize !== 4) return undefined;

  // Presentation times (decode time + composition offset) and the edit list's window.
  const stsz = child(moov, stbl, 'stsz');
  const stts = child(moov, stbl, 'stts');
  const stsc = child(moov, stbl, 'stsc');
  const stco = child(moov, stbl, 'stco');
  const co64 = child(moov, stbl, 'co64');
  const chunkTable = stco ?? co64;
  if (!stsz || !stts || !stsc || !chunkTable) return undefined;
  const sampleCount = moov.readUInt32BE(stsz.start + 8);
  const fixedSize = moov.readUInt32BE(stsz.start + 4);
  const sampleSize = (i: number) => fixedSize || moov.readUInt32BE(stsz.start + 12 + 4 * i);
  // Read signed whatever the version: ffmpeg does, and a huge unsigned offset is not modelled.
  const cts = presentationTimes(moov, stbl, stts, sampleCount, 'always');
  const window = editWindow(moov, track, timescaleOf(moov, mdhd));
  if (!cts || window === undefined) return undefined;
  const { mediaTime, end } = window ?? { mediaTime: 0, end: Number.POSITIVE_INFINITY };
  const presented: number[] = [];
  for (let i = 0; i < sampleCount; i++) if (cts[i]! >= mediaTime && cts[i]! < end) presented.push(i);
  if (presented.length !== frames || index < 0 || index >= frames) return undefined;
  presented.sort((a, b) => cts[a]! - cts[b]!);
  for (let i = 1; i < presented.length; i++)
    if (cts[presented[i]!] === cts[presented[i - 1]!]) return undefined;

  // Where each sample up to the last one needed lies in the file.
  const needed = presented.slice(0, index + 1);
  const last = Math.max(...needed);
  const offsets = new Float64Array(last + 1);
  const chunks = moov.readUInt32BE(chunkTable.start + 4);
  const chunkOffset = (c: number) =>
    co64
      ? Number(moov.readBigUInt64BE(chunkTable.start + 8 + 8 * c))
      : moov.readUInt32BE(chunkTable.start + 8 + 4 * c);
  const stscEntries = moov.readUInt32BE(stsc.start + 4);
  let sample = 0;
  for (let e = 0; e < stscEntries && sample <= last; e++) {
    const first = moov.readUInt32BE(stsc.start + 8 + 12 * e);
    const perChunk = moov.readUInt32BE(stsc.start + 12 + 12 * e);
    const next = e + 1 < stscEntries ? moov.readUInt32BE(stsc.start + 20 + 12 * e) : chunks + 1;
    if (first < 1 || perChunk === 0) return undefined;
    for (let c = first; c < next && sample <= last; c++) {
      if (c > chunks) return undefined;
      let at = chunkOffset(c - 1);
      for (let k = 0; k < perChunk && sample <= last; k++, sample++) {
        offsets[sample] = at;
        at += sampleSize(sample);
      }
    }
  }
  if (sample <= last) return undefined;

  // Reference or not, picture by picture, from the NAL unit headers.
  const reader = windowReader(handle);
  const target = needed[index]!;
  if ((await pictureKind(reader, offsets[target]!, sampleSize(target), lengthSize)) !== 'reference')
    return undefined;
  let outputIndex = 0;
  for (const s of needed.slice(0, index)) {
    const kind = await pictureKind(reader, offsets[s]!, sampleSize(s), lengthSize);
    if (kind === undefined) return undefined;
    if (kind === 'reference') outputIndex++;
  }
  if (outputIndex === index) return undefined; // nothing to skip before the frame
  return { outputIndex, pts: cts[target]! - mediaTime };
}

type Reader = (position: number, length: number) => Promise<Buffer>;

function windowReader(handle: FileHandle): Reader {
  let window: Buffer = Buffer.alloc(0);
  let windowAt = 0;
  return async (position, length) => {
    if (position < windowAt || position + length > windowAt + window.length) {
      window = await readAt(handle, position, Math.max(length, WINDOW));
      windowAt = position;
    }
    return window.subarray(position - windowAt, position - windowAt + length);
  };
}

/**
 * 'reference' when every slice of the sample has a non-zero nal_ref_idc, 'non-reference' when none
 * has, undefined for anything else (mixed, no slice, data partitions, SVC/MVC or auxiliary pictures,
 * NAL units that do not tile the sample exactly).
 */
async function pictureKind(
  read: Reader,
  offset: number,
  size: number,
  lengthSize: number,
): Promise<'reference' | 'non-reference' | undefined> {
  let at = 0;
  let slices = 0;
  let referenceSlices = 0;
  for (let nals = 0; at < size; nals++) {
    if (nals >= MAX_NALS_PER_SAMPLE || at + lengthSize + 1 > size) return undefined;
    const bytes = await read(offset + at, lengthSize + 1);
    if (bytes.length < lengthSize + 1) return undefined;
    let length = 0;
    for (let k = 0; k < lengthSize; k++) length = length * 256 + bytes[k]!;
    const header = bytes[lengthSize]!;
    if (length === 0 || header & 0x80) return undefined;
    const type = header & 0x1f;
    if (type === 1 || type === 5) {
      slices++;
      if (header & 0x60) referenceSlices++;
    } else if ((type >= 2 && type <= 4) || type === 14 || type === 15 || type >= 19) return undefined;
    at += lengthSize + length;
  }
  if (at !== size || slices === 0) return undefined;
  if (referenceSlices === slices) return 'reference';
  return referenceSlices === 0 ? 'non-reference' : undefined;
}
