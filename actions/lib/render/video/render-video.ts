import { dirname, join } from 'node:path';
import type { z } from 'zod';
import { InputError } from '../../errors.js';
import { staysInside } from '../../fs/real-paths.js';
import type { VideoRecipe } from '../../schema/recipe.js';
import { ffmpegPath } from '../../tools/ffmpeg-path.js';
import { greyIfNeutral } from '../grey-if-neutral.js';
import { MAX_OUTPUT_PIXELS, type RenderContext } from '../render-context.js';
import type { RenderedImage } from '../rendered-image.js';
import { containerTruncated } from './container-truncated.js';
import { countContainerFrames } from './count-container-frames.js';
import { countDecodedFrames } from './count-decoded-frames.js';
import { countVideoPackets } from './count-video-packets.js';
import { type DecodedFrames, decodeVideoFrames } from './decode-video-frames.js';
import { echoNetAnnotatedFrames } from './echonet-tracings.js';
import { frameIndexAtTime } from './frame-index-at-time.js';
import { laplacianVariance } from './laplacian-variance.js';
import { nonReferenceSkipPlan } from './nonreference-skip-plan.js';
import type { RgbFrame } from './read-ppm-stream.js';

type VideoFrame = z.output<typeof VideoRecipe>['frame'];

/** Frames sampled, evenly by decoded index, when looking for the sharpest one. */
export const SHARPEST_SAMPLES = 16;

/**
 * Renders one frame of a video with ffmpeg (spawned directly with an argument array).
 *
 * Frame numbers are decoded-frame indices from 0, in presentation order. The frame count is the
 * number of coded frames in the stream, counted one by one (AVI chunks and MP4 samples walked in
 * process, other containers demuxed by ffmpeg; no decode), never the container's header count or
 * duration × fps; when that count could differ from what the decoder produces (empty
 * or corrupt packets, or a decoder error on the way to the frame), the whole stream is decoded and
 * its frames counted instead, and the frame chosen again. `resolved` says which count was used.
 * A frame that is a reference picture of an H.264 MP4/MOV is decoded with the decoder skipping the
 * non-reference pictures (nonReferenceSkipPlan): the same pixels for less decoding.
 *
 * Greyscale stored as RGB (EchoNet-Dynamic) comes out as one grey channel when every pixel has equal
 * R, G and B; anything with colour stays RGB.
 */
export async function renderVideo(
  file: string,
  recipe: { frame: VideoFrame },
  context: RenderContext = {},
): Promise<RenderedImage> {
  const ffmpeg = ffmpegPath();
  const options = { signal: context.signal, timeoutMs: context.timeoutMs ?? 120_000 };
  if (await containerTruncated(file)) {
    throw new InputError(
      'video/truncated',
      file,
      'the file ends before its container says it does (a cut copy?)',
    );
  }
  // The container walk needs no process; anything it does not model goes to ffmpeg's demuxer.
  const packets = (await countContainerFrames(file)) ?? (await countVideoPackets(ffmpeg, file, options));
  if (packets.width * packets.height > MAX_OUTPUT_PIXELS) {
    throw new InputError(
      'video/too-large',
      file,
      `a ${packets.width}×${packets.height} frame is larger than allowed`,
    );
  }
  const frameBytes = frameByteBound(packets.width, packets.height);
  let count = packets.frames;
  let countedBy: 'demuxed-packets' | 'decoded-frames' = 'demuxed-packets';
  const recount = async () => {
    count = await countDecodedFrames(ffmpeg, file, options);
    countedBy = 'decoded-frames';
  };
  if (packets.irregular) await recount();

  const frame = recipe.frame;
  if (frame === 'sharpest') {
    const sharpest = async () => {
      const samples = sampleIndices(count, SHARPEST_SAMPLES);
      const decoded = await decodeVideoFrames(ffmpeg, file, samples, {
        ...options,
        maxBytes: frameBytes * samples.length,
      });
      let best: { index: number; frame: RgbFrame; variance: number } | undefined;
      for (const index of samples) {
        const candidate = decoded.frames.get(index);
        if (!candidate) continue;
        const variance = laplacianVariance(candidate.width, candidate.height, candidate.data);
        // Strictly greater: on a tie the earlier frame wins, so the choice is deterministic.
        if (!best || variance > best.variance) best = { index, frame: candidate, variance };
      }
      const complete = !decoded.errors && decoded.frames.size === samples.length;
      return { samples, best, complete };
    };
    if (count === 0) throw noFrames(file);
    let result = await sharpest();
    if (!result.complete && countedBy === 'demuxed-packets') {
      await recount();
      if (count === 0) throw noFrames(file);
      result = await sharpest();
    }
    const { best, samples } = result;
    if (!best) throw noFrames(file);
    return toImage(best.frame, {
      frame: best.index,
      frame_count: count,
      counted_by: countedBy,
      sampled_frames: samples.length,
      laplacian_variance: Number(best.variance.toFixed(6)),
    });
  }

  const pick = async (): Promise<{ index: number; extra: Record<string, unknown> }> => {
    if (frame === 'middle') return { index: Math.floor(count / 2), extra: {} };
    if (typeof frame === 'number') return { index: frame, extra: {} };
    if ('time' in frame) {
      return {
        index: await frameIndexAtTime(ffmpeg, file, frame.time, options),
        extra: { time: frame.time },
      };
    }
    const csv = context.dataRoot
      ? join(context.dataRoot, 'EchoNet-Dynamic', 'VolumeTracings.csv')
      : join(dirname(dirname(file)), 'VolumeTracings.csv');
    if (context.dataRoot && !(await staysInside(context.dataRoot, csv)))
      throw new InputError(
        'video/tracings-escape',
        file,
        'VolumeTracings.csv resolves outside the dataset root',
      );
    const annotated = await echoNetAnnotatedFrames(csv, file);
    const chosen = frame.annotation === 'end-diastole' ? annotated.endDiastole : annotated.endSystole;
    return { index: chosen.frame, extra: { annotation: frame.annotation, traced_area: chosen.area } };
  };

  if (count === 0) throw noFrames(file);
  let { index, extra } = await pick();
  let decoded = await decodeWithoutNonReference(ffmpeg, file, index, count, {
    ...options,
    maxBytes: frameBytes,
  });
  if (!decoded)
    decoded = await decodeVideoFrames(ffmpeg, file, [index], { ...options, maxBytes: frameBytes });
  const missing = !decoded.frames.has(index) && index < count;
  if ((decoded.errors || missing) && countedBy === 'demuxed-packets') {
    // The decoder lost or mangled something: trust only decoded frames from here on.
    await recount();
    ({ index, extra } = await pick());
    decoded = await decodeVideoFrames(ffmpeg, file, [index], { ...options, maxBytes: frameBytes });
  }
  const chosen = decoded.frames.get(index);
  if (!chosen || index >= count) {
    if (count === 0) throw noFrames(file);
    throw new InputError(
      'video/frame-out-of-range',
      file,
      `frame ${index} asked for, the video has ${count} frames`,
    );
  }
  return toImage(chosen, { frame: index, frame_count: count, counted_by: countedBy, ...extra });
}

/**
 * The frame decoded without the non-reference pictures when a skip plan applies (a reference picture
 * of an H.264 MP4/MOV): the same frame a full decode gives, for less decoding. Undefined when no plan
 * applies or the plan's decode did not give the frame cleanly; the caller then decodes in full.
 */
async function decodeWithoutNonReference(
  ffmpeg: string,
  file: string,
  index: number,
  count: number,
  options: { signal?: AbortSignal; timeoutMs?: number; maxBytes: number },
): Promise<DecodedFrames | undefined> {
  const skip = await nonReferenceSkipPlan(file, index, count);
  if (!skip) return undefined;
  const decoded = await decodeVideoFrames(ffmpeg, file, [index], { ...options, skip }).catch(() => undefined);
  return decoded && !decoded.errors && decoded.frames.has(index) ? decoded : undefined;
}

/** A decoded frame as a rendered image: grey when R = G = B everywhere, else RGB. */
export function toImage(frame: RgbFrame, resolved: Record<string, unknown>): RenderedImage {
  const { channels, data } = greyIfNeutral(frame.width, frame.height, frame.data);
  return { width: frame.width, height: frame.height, channels, data, resolved };
}

/**
 * Most bytes one decoded RGB frame may take on ffmpeg's pipe. The container's dimensions may be the
 * display size (sample aspect ratio or rotation applied), so allow four times that, never more than
 * the pixel limit; unknown dimensions get the pixel limit.
 */
export function frameByteBound(width: number, height: number): number {
  const pixels = width * height > 0 ? Math.min(width * height * 4, MAX_OUTPUT_PIXELS) : MAX_OUTPUT_PIXELS;
  return pixels * 3 + 64;
}

/** `samples` indices spread evenly over [0, count), first and last included, ascending, distinct. */
export function sampleIndices(count: number, samples: number): number[] {
  if (count <= samples) return Array.from({ length: count }, (_, i) => i);
  return Array.from({ length: samples }, (_, i) => Math.round((i * (count - 1)) / (samples - 1)));
}

function noFrames(file: string): InputError {
  return new InputError('video/no-frames', file, 'the video stream has no decodable frames');
}
