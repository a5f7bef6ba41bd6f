import type { Recipe } from '../../schema/recipe.js';
import { ffmpegPath } from '../../tools/ffmpeg-path.js';
import { MAX_OUTPUT_PIXELS, type RenderContext } from '../render-context.js';
import type { RenderedImage } from '../rendered-image.js';
import { countContainerFrames } from './count-container-frames.js';
import { decodeFramesInOneProcess, type FrameRequest } from './decode-frames-in-one-process.js';
import { nonReferenceSkipPlan } from './nonreference-skip-plan.js';
import { frameByteBound, renderVideo, toImage } from './render-video.js';

/**
 * Most videos decoded by one ffmpeg process: a Debian ffmpeg spends about 90 ms loading its shared
 * libraries, more than a short clip's decode, so groups are large; the jobs still share them out.
 */
export const VIDEO_GROUP = 16;

/** The frame of a video recipe that renderVideos can group (middle or an index), else undefined. */
export function groupableVideoFrame(recipe: Recipe): 'middle' | number | undefined {
  if (recipe.kind !== 'video') return undefined;
  return recipe.frame === 'middle' || typeof recipe.frame === 'number' ? recipe.frame : undefined;
}

/** A video and the frame wanted from it: the middle one or an index. */
export interface VideoFrameRequest {
  file: string;
  frame: 'middle' | number;
}

/** Each request's image, or what went wrong with it. */
export type VideoOutcome = { image: RenderedImage } | { error: unknown };

/**
 * Renders the middle or an indexed frame of several videos, decoding all of them with one ffmpeg
 * process when their frames can be counted in process (AVI, MP4): the same frames, chosen the same
 * way as renderVideo, with ffmpeg's start-up paid once. Any video that is not straightforward (other
 * containers, an index past the end, a decoder complaint anywhere in the group) is rendered on its
 * own by renderVideo, so its result and error are exactly what renderVideo gives. Frames with a skip
 * plan (nonReferenceSkipPlan) are decoded without the non-reference pictures, as renderVideo does.
 */
export async function renderVideos(
  requests: readonly VideoFrameRequest[],
  context: RenderContext = {},
  tuning: { singleThreaded?: boolean } = {},
): Promise<VideoOutcome[]> {
  const ffmpeg = ffmpegPath();
  const options = { signal: context.signal, timeoutMs: context.timeoutMs ?? 120_000 };
  const outcomes: (VideoOutcome | undefined)[] = new Array(requests.length);
  const grouped: { at: number; request: FrameRequest; frames: number }[] = [];
  await Promise.all(
    requests.map(async ({ file, frame }, at) => {
      const count = await countContainerFrames(file);
      if (!count || count.irregular || count.width * count.height > MAX_OUTPUT_PIXELS || count.width === 0)
        return;
      const index = frame === 'middle' ? Math.floor(count.frames / 2) : frame;
      if (index >= count.frames) return;
      const skip = await nonReferenceSkipPlan(file, index, count.frames);
      grouped.push({
        at,
        request: { file, index, maxBytes: frameByteBound(count.width, count.height), skip },
        frames: count.frames,
      });
    }),
  );
  grouped.sort((a, b) => a.at - b.at);
  // Even a lone clip goes this way: it is counted and planned already, renderVideo would redo both.
  if (grouped.length > 0) {
    const frames = await decodeFramesInOneProcess(
      ffmpeg,
      grouped.map((g) => g.request),
      { ...options, singleThreaded: tuning.singleThreaded ?? false },
    );
    grouped.forEach(({ at, request, frames: count }, i) => {
      const frame = frames?.[i];
      if (frame) {
        outcomes[at] = {
          image: toImage(frame, { frame: request.index, frame_count: count, counted_by: 'demuxed-packets' }),
        };
      }
    });
  }
  // One at a time: the caller's job count already bounds how many groups run at once.
  for (const [at, { file, frame }] of requests.entries()) {
    if (outcomes[at]) continue;
    outcomes[at] = await renderVideo(file, { frame }, context).then(
      (image) => ({ image }),
      (error: unknown) => ({ error }),
    );
  }
  return outcomes as VideoOutcome[];
}
