import { InputError, UsageError } from '../../errors.js';
import { MAX_OUTPUT_PIXELS } from '../render-context.js';
import type { RenderedImage } from '../rendered-image.js';
import { minMaxTo8Bit } from '../scale-to-8bit.js';
import { hdf5Reason } from './hdf5-reason.js';
import { withH5File } from './open-h5.js';

/** Which frame of a stack: by index, or the middle (or Nth) of the frames whose key equals value. */
/** Most bytes of one frame read into memory (a 4096×4096 RGB float32 frame is 201 MB). */
export const MAX_HDF5_FRAME_BYTES = 256 * 1024 * 1024;
/** Most values, and bytes, of a selection's key dataset read into memory (one per frame). */
export const MAX_HDF5_KEY_VALUES = 4_000_000;
export const MAX_HDF5_KEY_BYTES = 64 * 1024 * 1024;

export interface Hdf5Request {
  dataset: string;
  index?: number | undefined;
  select?: { key: string; value: string | number; frame: 'middle' | number } | undefined;
}

/**
 * Renders one frame of an image stack shaped [N, H, W] or [N, H, W, C] (C = 1, 3, or 4 with the
 * alpha dropped) from an HDF5 file, such as the Thyroid cine-clip file (36 GB; keys `image`, `mask`,
 * `annot_id`). Only that frame's hyperslab is read, never the whole dataset. uint8 frames are kept
 * as they are; any other type (16-bit, float) is scaled min–max of the frame to 0..255.
 * With `select`, the per-frame key dataset (one value per frame, e.g. `annot_id`) is read whole and
 * the frames whose value equals `select.value` are taken in order; `frame` picks floor(count/2)
 * ("middle") or the Nth of them.
 */
export async function renderHdf5(file: string, request: Hdf5Request): Promise<RenderedImage> {
  if (request.index !== undefined && request.select)
    throw new UsageError('give either an index or a select, not both');
  return withH5File(file, (h5, module) => {
    const dataset = h5.get(request.dataset);
    if (!(dataset instanceof module.Dataset)) {
      throw new InputError('hdf5/no-such-dataset', file, `no dataset "${request.dataset}"`);
    }
    const shape = dataset.shape ?? [];
    const [frames, height, width, depth = 1] = shape;
    if (
      (shape.length !== 3 && shape.length !== 4) ||
      ![1, 3, 4].includes(depth) ||
      !frames ||
      !height ||
      !width
    ) {
      throw new InputError(
        'hdf5/bad-shape',
        file,
        `dataset "${request.dataset}" is shaped [${shape.join(', ')}], expected [N, H, W] or [N, H, W, C] with C 1, 3 or 4`,
      );
    }
    if (width * height > MAX_OUTPUT_PIXELS) {
      throw new InputError('hdf5/too-large', file, `a ${width}×${height} frame is larger than allowed`);
    }
    const meta = dataset.metadata;
    // The shape is what the file declares, not what it holds: a 2 KB file of unwritten chunks can
    // declare gigabytes, which h5wasm would allocate before reading a byte.
    const frameBytes = width * height * depth * meta.size;
    if (frameBytes > MAX_HDF5_FRAME_BYTES) {
      throw new InputError(
        'hdf5/too-large',
        file,
        `a frame of dataset "${request.dataset}" is ${frameBytes} bytes, more than the ${MAX_HDF5_FRAME_BYTES} allowed`,
      );
    }
    // H5T classes: 0 integer, 1 float.
    if (meta.type !== 0 && meta.type !== 1) {
      throw new InputError(
        'hdf5/bad-type',
        file,
        `dataset "${request.dataset}" holds neither integers nor floats`,
      );
    }

    let index: number;
    const resolved: Record<string, unknown> = { dataset: request.dataset, frames };
    if (request.select) {
      const matches = matchingFrames(file, h5, module, request.select.key, request.select.value, frames);
      const pick = request.select.frame === 'middle' ? Math.floor(matches.length / 2) : request.select.frame;
      if (matches.length === 0) {
        throw new InputError(
          'hdf5/no-match',
          file,
          `no frame has ${request.select.key} = ${JSON.stringify(request.select.value)}`,
        );
      }
      if (pick >= matches.length) {
        throw new InputError(
          'hdf5/index-out-of-range',
          file,
          `frame ${pick} of ${matches.length} matching frames asked for`,
        );
      }
      index = matches[pick]!;
      Object.assign(resolved, { matching_frames: matches.length, frame_in_selection: pick });
    } else {
      index = request.index ?? 0;
    }
    if (index >= frames) {
      throw new InputError(
        'hdf5/index-out-of-range',
        file,
        `index ${index} asked for, dataset "${request.dataset}" has ${frames} frames`,
      );
    }
    resolved.index = index;

    let values: ArrayLike<number>;
    try {
      values = dataset.slice([[index, index + 1]]) as unknown as ArrayLike<number>;
    } catch (error) {
      throw new InputError('hdf5/read-failed', file, `cannot read frame ${index} (${hdf5Reason(error)})`);
    }
    if (typeof values !== 'object' || values === null || values.length !== width * height * depth) {
      throw new InputError(
        'hdf5/read-failed',
        file,
        `frame ${index} did not read as ${width}×${height}×${depth} numbers`,
      );
    }
    const eightBit = meta.type === 0 && meta.size === 1 && !meta.signed;
    let data: Uint8Array;
    if (eightBit) data = values instanceof Uint8Array ? values : Uint8Array.from(values);
    else {
      const scaled = minMaxTo8Bit(typeof values[0] === 'bigint' ? Array.from(values, Number) : values);
      data = scaled.data;
      Object.assign(resolved, { min: scaled.min, max: scaled.max });
    }
    if (depth === 1) return { width, height, channels: 1, data, resolved };
    const rgb = new Uint8Array(width * height * 3);
    for (let i = 0; i < width * height; i++) {
      rgb[i * 3] = data[i * depth]!;
      rgb[i * 3 + 1] = data[i * depth + 1]!;
      rgb[i * 3 + 2] = data[i * depth + 2]!;
    }
    return { width, height, channels: 3, data: rgb, resolved };
  });
}

function matchingFrames(
  file: string,
  h5: { get(path: string): unknown },
  module: typeof import('h5wasm/node'),
  key: string,
  value: string | number,
  frames: number,
): number[] {
  const keyDataset = h5.get(key);
  if (!(keyDataset instanceof module.Dataset))
    throw new InputError('hdf5/no-such-dataset', file, `no dataset "${key}"`);
  const keyShape = keyDataset.shape ?? [];
  if (keyShape[0] !== frames || keyShape.slice(1).some((d) => d !== 1)) {
    throw new InputError(
      'hdf5/bad-shape',
      file,
      `dataset "${key}" is shaped [${keyShape.join(', ')}], expected one value per frame (${frames})`,
    );
  }
  const keyBytes = frames * keyDataset.metadata.size;
  if (frames > MAX_HDF5_KEY_VALUES || keyBytes > MAX_HDF5_KEY_BYTES) {
    throw new InputError(
      'hdf5/too-large',
      file,
      `dataset "${key}" declares ${frames} values (${keyBytes} bytes), more than a selection may read`,
    );
  }
  const values = keyDataset.value as unknown;
  const list: unknown[] = Array.isArray(values) ? values : Array.from(values as ArrayLike<unknown>);
  const wanted = String(value).trim();
  const matches: number[] = [];
  list.forEach((v, i) => {
    const text = v instanceof Uint8Array ? Buffer.from(v).toString('utf8') : String(v);
    if (text.replace(/\0+$/, '').trim() === wanted) matches.push(i);
  });
  return matches;
}
