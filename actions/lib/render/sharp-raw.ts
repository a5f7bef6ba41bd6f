import sharp, { type Sharp } from 'sharp';
import { SampleLayoutError, unfaithfulSamples } from './sample-layout.js';

// No libvips operation cache: renders never open the same file twice, and the cache's lookups and
// the decoded images it keeps (up to 50 MB) cost ~0.3 ms of CPU per small JPEG (measured, 320×390).
sharp.cache(false);

/** 8-bit raw pixels out of a sharp pipeline: one grey channel or RGB, alpha flattened away. */
export interface RawEightBit {
  width: number;
  height: number;
  channels: 1 | 3;
  data: Uint8Array;
  /** Channels of the decoded source before flattening and conversion. */
  sourceChannels: number;
}

/**
 * Ends a sharp pipeline in 8-bit raw pixels: alpha flattened onto `background`, grey sources kept
 * as one channel (`b-w`), everything else converted to sRGB. 16-bit sources are scaled (not
 * clipped) to 8 bits by libvips' colourspace conversion. A SampleLayoutError for any other source.
 */
export async function rawEightBit(pipeline: Sharp, background = '#000000'): Promise<RawEightBit> {
  const meta = await pipeline.clone().metadata();
  const unfaithful = unfaithfulSamples(meta);
  if (unfaithful) throw new SampleLayoutError(unfaithful);
  const sourceChannels = meta.channels ?? 3;
  const grey = meta.space === 'b-w' || meta.space === 'grey16' || sourceChannels <= 2;
  // 8-bit grey or sRGB without alpha (CheXpert, MURA) is already what comes out: the flatten and
  // colourspace steps would be no-ops that cost libvips ~0.5 ms an image.
  const already =
    !meta.hasAlpha &&
    meta.depth === 'uchar' &&
    meta.space === (grey ? 'b-w' : 'srgb') &&
    sourceChannels === (grey ? 1 : 3);
  const { data, info } = await (already
    ? pipeline
    : pipeline.flatten({ background }).toColourspace(grey ? 'b-w' : 'srgb')
  )
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  const channels = info.channels;
  if (channels !== 1 && channels !== 3) throw new Error(`unexpected ${channels}-channel output from libvips`);
  return {
    width: info.width,
    height: info.height,
    channels,
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
    sourceChannels,
  };
}
