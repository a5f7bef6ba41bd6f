import type { FileHandle } from 'node:fs/promises';

/** Largest MP4 `moov` box read into memory (a 24-hour clip's sample tables are a few MB). */
const MAX_MOOV_BYTES = 64 * 1024 * 1024;

/** Most top-level boxes walked looking for `moov` (ftyp, moov, mdat, free, uuid…: a handful). */
const MAX_TOP_LEVEL_BOXES = 4096;

export async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** An MP4 box in a buffer: its type and its body's extent. */
export interface Box {
  type: string;
  start: number;
  end: number;
}

/** The boxes between start and end of an MP4 buffer (a box's start is its body, after the header). */
export function* boxes(buffer: Buffer, start: number, end: number): Generator<Box> {
  let at = start;
  while (at + 8 <= end) {
    let length = buffer.readUInt32BE(at);
    let header = 8;
    if (length === 1) {
      length = Number(buffer.readBigUInt64BE(at + 8));
      header = 16;
    } else if (length === 0) length = end - at;
    if (length < header || at + length > end) return;
    yield { type: buffer.toString('latin1', at + 4, at + 8), start: at + header, end: at + length };
    at += length;
  }
}

/** The first child box of that type. */
export function child(buffer: Buffer, parent: Box, type: string): Box | undefined {
  for (const box of boxes(buffer, parent.start, parent.end)) if (box.type === type) return box;
  return undefined;
}

/**
 * The `moov` box of a non-fragmented MP4/MOV (found by reading top-level box headers only, since
 * mdat may be gigabytes), or undefined for fragmented files, oversized or missing ones.
 */
export async function readMoov(handle: FileHandle, size: number): Promise<Buffer | undefined> {
  let moov: Buffer | undefined;
  let boxes = 0;
  for (let at = 0; at + 8 <= size; ) {
    // A real file has a handful of top-level boxes; a million 8-byte ones took 8 s to walk.
    if (++boxes > MAX_TOP_LEVEL_BOXES) return undefined;
    const header = await readAt(handle, at, 16);
    let length = header.readUInt32BE(0);
    const type = header.toString('latin1', 4, 8);
    if (length === 1) length = Number(header.readBigUInt64BE(8));
    else if (length === 0) length = size - at;
    if (length < 8) return undefined;
    if (type === 'moof') return undefined; // fragmented: counts live in fragments
    if (type === 'moov') {
      // Declared past the end of the file: not allocated, not trusted.
      if (length > MAX_MOOV_BYTES || at + length > size) return undefined;
      moov = await readAt(handle, at, length);
    }
    at += length;
  }
  return moov;
}

/** The first video track of a non-fragmented `moov`, as ffmpeg's demuxer picks it for `0:v:0`. */
export interface VideoTrack {
  trak: Box;
  mdia: Box;
  /** The movie header's time units per second (edit list durations are in these). */
  movieTimescale: number;
}

export function firstVideoTrack(moov: Buffer): VideoTrack | undefined {
  const root: Box = { type: 'moov', start: 8, end: moov.length };
  if (child(moov, root, 'mvex')) return undefined; // fragmented: samples live in fragments
  const mvhd = child(moov, root, 'mvhd');
  if (!mvhd) return undefined;
  const movieTimescale = timescaleOf(moov, mvhd);
  for (const trak of boxes(moov, root.start, root.end)) {
    if (trak.type !== 'trak') continue;
    const mdia = child(moov, trak, 'mdia');
    const hdlr = mdia && child(moov, mdia, 'hdlr');
    if (mdia && hdlr && moov.toString('latin1', hdlr.start + 8, hdlr.start + 12) === 'vide')
      return { trak, mdia, movieTimescale };
  }
  return undefined;
}

/** The time units per second of an `mvhd` or `mdhd` box (its version decides the field's place). */
export function timescaleOf(moov: Buffer, header: Box): number {
  return moov.readUInt32BE(header.start + (moov[header.start] === 1 ? 20 : 12));
}

/**
 * The presentation time (decode time from `stts` plus `ctts` offset) of each of `sampleCount`
 * samples, in media time units; undefined when `stts` describes fewer samples. `ctts` offsets are
 * read signed in version 1, and in version 0 only when `signedOffsets` says so (as ffmpeg does).
 */
export function presentationTimes(
  moov: Buffer,
  stbl: Box,
  stts: Box,
  sampleCount: number,
  signedOffsets: 'always' | 'by-version',
): Float64Array | undefined {
  const pts = new Float64Array(sampleCount);
  let sample = 0;
  let dts = 0;
  for (let e = 0, n = moov.readUInt32BE(stts.start + 4); e < n && sample < sampleCount; e++) {
    const count = moov.readUInt32BE(stts.start + 8 + 8 * e);
    const delta = moov.readUInt32BE(stts.start + 12 + 8 * e);
    for (let i = 0; i < count && sample < sampleCount; i++, sample++, dts += delta) pts[sample] = dts;
  }
  if (sample !== sampleCount) return undefined;
  const ctts = child(moov, stbl, 'ctts');
  if (ctts) {
    const signed = signedOffsets === 'always' || moov[ctts.start] === 1;
    sample = 0;
    for (let e = 0, n = moov.readUInt32BE(ctts.start + 4); e < n && sample < sampleCount; e++) {
      const count = moov.readUInt32BE(ctts.start + 8 + 8 * e);
      const at = ctts.start + 12 + 8 * e;
      const offset = signed ? moov.readInt32BE(at) : moov.readUInt32BE(at);
      for (let i = 0; i < count && sample < sampleCount; i++, sample++) pts[sample]! += offset;
    }
  }
  return pts;
}

/**
 * The presentation times a track's edit list keeps, [mediaTime, end) in media time units, as
 * ffmpeg's mov demuxer applies the common single edit; `null` when the track has no edit list
 * (everything is kept), undefined for anything not modelled (several edits, a negative media time,
 * a rate other than 1).
 */
export function editWindow(
  moov: Buffer,
  track: VideoTrack,
  mediaTimescale: number,
): { mediaTime: number; end: number } | null | undefined {
  const edts = child(moov, track.trak, 'edts');
  const elst = edts && child(moov, edts, 'elst');
  if (!elst) return null;
  const v1 = moov[elst.start] === 1;
  if (moov.readUInt32BE(elst.start + 4) !== 1) return undefined;
  const at = elst.start + 8;
  const segmentDuration = v1 ? Number(moov.readBigUInt64BE(at)) : moov.readUInt32BE(at);
  const mediaTime = v1 ? Number(moov.readBigInt64BE(at + 8)) : moov.readInt32BE(at + 4);
  if (mediaTime < 0 || moov.readInt32BE(at + (v1 ? 16 : 8)) !== 0x10000) return undefined;
  const end =
    segmentDuration > 0
      ? mediaTime + (segmentDuration * mediaTimescale) / track.movieTimescale
      : Number.POSITIVE_INFINITY;
  return { mediaTime, end };
}
