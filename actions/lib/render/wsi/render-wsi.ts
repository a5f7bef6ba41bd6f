import sharp from 'sharp';
import { InputError, messageOf } from '../../errors.js';
import { MAX_OUTPUT_PIXELS } from '../render-context.js';
import type { RenderedImage } from '../rendered-image.js';
import { rawEightBit } from '../sharp-raw.js';
import { pyramidLevels } from './pyramid-levels.js';
import { DECODABLE_TIFF_COMPRESSIONS, describeCompression } from './tiff-compressions.js';
import { readTiffDirectories, type TiffDirectory } from './tiff-directories.js';

/** What to take from a slide: a thumbnail, a region of one level, or (small slides) a whole level. */
/** Most pixels of one level decoded to make a thumbnail (a 32768² level, 1 Gpixel). */
export const MAX_WSI_DECODE_PIXELS = 32768 * 32768;

export interface WsiRequest {
  thumbnail?: number | undefined;
  region?: { x: number; y: number; width: number; height: number } | undefined;
  level?: number | undefined;
}

/**
 * Renders a whole-slide image (TIFF/SVS pyramid) with libvips, reading only the tiles needed.
 * `region` is in the pixel coordinates of `level`; `thumbnail` alone reads the smallest level that is
 * still at least that large and shrinks it to fit (longest side = thumbnail); with a region, the
 * region is shrunk to fit. Transparent areas become white, the colour of glass. Directories whose
 * compression libvips cannot decode (Aperio's JPEG 2000, 33003/33005) are refused before decoding.
 */
export async function renderWsi(file: string, request: WsiRequest): Promise<RenderedImage> {
  const levels = pyramidLevels(await readTiffDirectories(file));
  const levelIndex = request.level ?? 0;
  let chosen: TiffDirectory | undefined;
  let chosenLevel = levelIndex;
  if (request.thumbnail !== undefined && !request.region) {
    const side = request.thumbnail;
    chosenLevel = levels.findLastIndex((d) => Math.max(d.width, d.height) >= side);
    if (chosenLevel < 0) chosenLevel = 0;
    chosen = levels[chosenLevel];
  } else {
    chosen = levels[levelIndex];
    if (!chosen) {
      throw new InputError(
        'wsi/no-such-level',
        file,
        `level ${levelIndex} asked for, the slide has ${levels.length}`,
      );
    }
  }
  if (!chosen) throw new InputError('wsi/bad-tiff', file, 'the TIFF has no image');
  if (!DECODABLE_TIFF_COMPRESSIONS.has(chosen.compression)) {
    throw new InputError(
      'wsi/unsupported-compression',
      file,
      `level ${chosenLevel} uses TIFF compression ${describeCompression(chosen.compression)}, which this build cannot decode`,
    );
  }
  // A thumbnail decodes its whole level: a TIFF may declare one 60000×60000 level whose tiles all
  // point at the same few bytes, and decoding it would take minutes.
  if (
    request.thumbnail !== undefined &&
    !request.region &&
    chosen.width * chosen.height > MAX_WSI_DECODE_PIXELS
  ) {
    throw new InputError(
      'wsi/too-large',
      file,
      `the smallest level for a ${request.thumbnail}-pixel thumbnail is ${chosen.width}×${chosen.height}, more than the ${MAX_WSI_DECODE_PIXELS} pixels a thumbnail may decode; ask for a region`,
    );
  }
  const region = request.region;
  if (region) {
    if (region.x + region.width > chosen.width || region.y + region.height > chosen.height) {
      throw new InputError(
        'wsi/region-out-of-bounds',
        file,
        `region ${region.x},${region.y},${region.width},${region.height} is outside level ${chosenLevel} (${chosen.width}×${chosen.height})`,
      );
    }
  }
  const outputPixels = region
    ? region.width * region.height
    : request.thumbnail
      ? request.thumbnail ** 2
      : chosen.width * chosen.height;
  if (outputPixels > MAX_OUTPUT_PIXELS) {
    throw new InputError(
      'wsi/too-large',
      file,
      `the requested output (${outputPixels} pixels) is larger than allowed`,
    );
  }
  // The pyramid is read tile by tile, so the input limit is the output bound checked above.
  let pipeline = sharp(file, {
    ...(chosen.subifd === undefined ? { page: chosen.page } : { subifd: chosen.subifd }),
    limitInputPixels: false,
    failOn: 'error',
  });
  if (region)
    pipeline = pipeline.extract({
      left: region.x,
      top: region.y,
      width: region.width,
      height: region.height,
    });
  if (request.thumbnail !== undefined) {
    pipeline = pipeline.resize({
      width: request.thumbnail,
      height: request.thumbnail,
      fit: 'inside',
      withoutEnlargement: true,
    });
  }
  try {
    const raw = await rawEightBit(pipeline, '#ffffff');
    return {
      width: raw.width,
      height: raw.height,
      channels: raw.channels,
      data: raw.data,
      resolved: {
        level: chosenLevel,
        level_width: chosen.width,
        level_height: chosen.height,
        levels: levels.length,
        ...(region ? { region } : {}),
        ...(request.thumbnail !== undefined ? { thumbnail: request.thumbnail } : {}),
      },
    };
  } catch (error) {
    throw new InputError(
      'wsi/decode-failed',
      file,
      `cannot decode level ${chosenLevel} (${messageOf(error).split('\n')[0]})`,
    );
  }
}
