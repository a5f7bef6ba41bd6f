/**
 * One fuzz case, decided by the run's seed and the case's index alone, so any case can be made again
 * (by a worker, or to save it after a crash): a seeded mutation of a valid DICOM (our writer's files
 * and pydicom's real ones, PHI stamped in) with render options, of a valid HDF5 or NIfTI volume,
 * photograph (JPEG, PNG), whole-slide TIFF or video (MJPEG AVI, H.264 MP4), or of a content file.
 */

import type { Recipe } from '../../actions/lib/schema/recipe.js';
import { lastFragment, withLastFragment } from '../../test/robustness/corpus/dicom-patch.js';
import { mutateBytes, mutateJsonText, prng, type Random } from '../../test/robustness/corpus/mutate.js';

/** A valid input a case starts from. */
export interface FuzzSeed {
  name: string;
  bytes: Uint8Array;
}

/** Content files mutated by manifest cases, with the schema each is loaded with. */
export const MANIFEST_FILES = [
  ['scenarios/scenario_001.json', 'scenario'],
  ['scenarios/scenario_013.json', 'scenario'],
  ['manifests/datasets/mura.json', 'dataset'],
  ['manifests/datasets/echonet-dynamic.json', 'dataset'],
  ['manifests/policy.json', 'policy'],
] as const;

export type FuzzCase =
  | {
      kind: 'dicom';
      index: number;
      seedName: string;
      bytes: Uint8Array;
      options: { frame?: number; preset?: 'brain'; window?: { center: number; width: number } };
      /** Broken beyond use (a compressed frame cut short): an image is a half-decoded one, a crash. */
      mustFail: boolean;
    }
  | {
      kind: 'volume';
      index: number;
      seedName: string;
      bytes: Uint8Array;
      recipe: Recipe;
    }
  | {
      kind: 'manifest';
      index: number;
      file: (typeof MANIFEST_FILES)[number][0];
      schema: (typeof MANIFEST_FILES)[number][1];
      text: string;
      /** Also run the whole validation (slower) on this one. */
      validate: boolean;
    };

/** A 32-bit seed for case `index` of a run seeded `seed` (splitmix-style mixing). */
export function caseSeed(seed: number, index: number): number {
  let z = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(index + 1, 0xc2b2ae35)) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x7feb352d);
  z = Math.imul(z ^ (z >>> 15), 0x846ca68b);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * The recipe a non-DICOM seed is rendered with, by its name: an HDF5 stack, a NIfTI volume, a
 * photograph, a whole-slide TIFF or a video. With `random`, the frame, plane or size varies.
 */
export function recipeFor(name: string, random: Random = () => 0): Recipe {
  if (name.endsWith('.h5')) return { kind: 'hdf5', dataset: 'image', index: Math.floor(random() * 3) };
  if (/\.nii(\.gz)?$/.test(name)) {
    const axis = (['axial', 'coronal', 'sagittal'] as const)[Math.floor(random() * 3)]!;
    return { kind: 'nifti', axis, slice: 'middle' };
  }
  if (name.endsWith('.tif')) return { kind: 'wsi', thumbnail: 64, level: 0 };
  if (/\.(avi|mp4)$/.test(name)) {
    const frames = ['middle', 'sharpest', 3, { time: 0.5 }] as const;
    return { kind: 'video', frame: frames[Math.floor(random() * frames.length)]! };
  }
  return random() < 0.5 ? { kind: 'image' } : { kind: 'image', max_side: 32 };
}

/** Makes case `index`: 75 % DICOM, 10 % volumes, photographs and slides, 15 % content files. */
export function makeCase(
  seed: number,
  index: number,
  dicomSeeds: readonly FuzzSeed[],
  volumeSeeds: readonly FuzzSeed[],
  manifests: ReadonlyMap<string, string>,
): FuzzCase {
  const random = prng(caseSeed(seed, index));
  const roll = random();
  if (roll >= 0.75 && roll < 0.85) {
    const source = volumeSeeds[Math.floor(random() * volumeSeeds.length)]!;
    const bytes = mutateBytes(source.bytes, random, random() < 0.5 ? 2 : 6);
    return { kind: 'volume', index, seedName: source.name, bytes, recipe: recipeFor(source.name, random) };
  }
  if (roll < 0.75) {
    const source = dicomSeeds[Math.floor(random() * dicomSeeds.length)]!;
    const stream = lastFragment(source.bytes);
    if (stream && stream.length >= 64 && random() < 0.15) {
      // A compressed frame cut short inside a well-formed file: only the codec sees the damage.
      const kept = 2 + Math.floor(random() * (stream.length * 0.95 - 2));
      const bytes = withLastFragment(source.bytes, stream.subarray(0, kept))!;
      return {
        kind: 'dicom',
        index,
        seedName: `${source.name} cut to ${kept} of ${stream.length}`,
        bytes,
        options: {},
        mustFail: true,
      };
    }
    // Half the cases take one or two mutations: near-valid files reach deeper into the decoders.
    const bytes = mutateBytes(source.bytes, random, random() < 0.5 ? 2 : 6);
    const roll = random();
    const options =
      roll < 0.7
        ? {}
        : roll < 0.8
          ? { frame: 1 }
          : roll < 0.9
            ? { preset: 'brain' as const }
            : { window: { center: 40, width: 400 } };
    return { kind: 'dicom', index, seedName: source.name, bytes, options, mustFail: false };
  }
  const [file, schema] = MANIFEST_FILES[Math.floor(random() * MANIFEST_FILES.length)]!;
  const text = mutateJsonText(manifests.get(file)!, random, 4);
  return { kind: 'manifest', index, file, schema, text, validate: random() < 0.25 };
}
