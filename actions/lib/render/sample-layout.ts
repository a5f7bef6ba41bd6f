import type { Metadata } from 'sharp';

/** A source whose samples an 8-bit grey or RGB image cannot show faithfully. */
export class SampleLayoutError extends Error {
  override name = 'SampleLayoutError';
}

/** Colour channels of a libvips interpretation; undefined for `multiband` (no colour meaning). */
function colourChannels(space: string | undefined): number | undefined {
  if (space === 'b-w' || space === 'grey16') return 1;
  if (space === 'cmyk') return 4;
  if (space === 'multiband' || space === undefined) return undefined;
  return 3;
}

/**
 * Why a source cannot be shown faithfully as 8-bit grey or RGB, or undefined when it can. Only 8-
 * and 16-bit unsigned samples scale to 8 bits (libvips casts signed, 32-bit and float samples,
 * which turns most images black or white), and only colour channels plus one alpha have a
 * meaning: a 5-channel microscopy TIFF would lose channels silently.
 */
export function unfaithfulSamples(meta: Pick<Metadata, 'depth' | 'channels' | 'space'>): string | undefined {
  const { depth, channels = 0, space } = meta;
  if (depth !== 'uchar' && depth !== 'ushort') {
    return `its samples are ${depth ?? 'of an unknown type'}; only 8- and 16-bit unsigned samples render faithfully`;
  }
  const colour = colourChannels(space);
  if (colour === undefined) return `its ${channels} channels have no colour interpretation`;
  if (channels > colour + 1) {
    return `it has ${channels} channels, more than the ${colour} of its colour space and one alpha; channels would be dropped`;
  }
  return undefined;
}
