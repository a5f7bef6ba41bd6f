import { z } from 'zod';
import { CT_PRESETS, type CtPreset } from './ct-presets.js';

export { CT_PRESETS, type CtPreset };
export const CtPresetName = z.enum(Object.keys(CT_PRESETS) as [CtPreset, ...CtPreset[]]);

export const Window = z.strictObject({
  center: z.number(),
  width: z.number().min(1),
});
export type Window = z.infer<typeof Window>;

const FrameIndex = z.int().min(0);

/** Fill the regions the text scan classes identifying (padded) before the output is written. */
const Redact = z
  .literal('text')
  .optional()
  .describe('"text": fill burned-in identifying text, then scan again.');

export const DicomRecipe = z.strictObject({
  kind: z.literal('dicom'),
  redact: Redact,
  frame: FrameIndex.default(0),
  window: Window.optional().describe('Explicit VOI window; otherwise the file’s own VOI, then min–max.'),
  preset: CtPresetName.optional().describe('A named CT window; mutually exclusive with window.'),
});

export const VideoFrame = z.union([
  z.literal('middle'),
  z.literal('sharpest'),
  FrameIndex,
  z.strictObject({ time: z.number().min(0).describe('Seconds from the start.') }),
  z
    .strictObject({ annotation: z.enum(['end-diastole', 'end-systole']) })
    .describe('A frame named by the dataset’s annotations (EchoNet-Dynamic VolumeTracings.csv).'),
]);

export const VideoRecipe = z.strictObject({
  kind: z.literal('video'),
  redact: Redact,
  frame: VideoFrame.default('middle'),
});

export const Hdf5Recipe = z.strictObject({
  kind: z.literal('hdf5'),
  redact: Redact,
  dataset: z.string().min(1).describe('Key of the image stack, e.g. "image" in the Thyroid cine-clip file.'),
  index: FrameIndex.optional().describe('Index along the first axis.'),
  select: z
    .strictObject({
      key: z.string().min(1).describe('A per-frame key such as "annot_id".'),
      value: z.union([z.string(), z.number()]),
      frame: z.union([z.literal('middle'), FrameIndex]).default('middle'),
    })
    .optional()
    .describe('Pick the frames whose key equals value, then one of them (Thyroid: one nodule’s clip).'),
});

export const NiftiRecipe = z.strictObject({
  kind: z.literal('nifti'),
  redact: Redact,
  axis: z.enum(['axial', 'coronal', 'sagittal']).default('axial'),
  slice: z.union([z.literal('middle'), z.literal('largest-segmentation'), FrameIndex]).default('middle'),
  segmentation: z.string().optional().describe('Path of a label volume, for slice "largest-segmentation".'),
  window: Window.optional(),
});

export const WsiRecipe = z.strictObject({
  kind: z.literal('wsi'),
  redact: Redact,
  thumbnail: z.int().min(16).max(8192).optional().describe('Longest side of a whole-slide thumbnail.'),
  region: z
    .strictObject({ x: z.int().min(0), y: z.int().min(0), width: z.int().min(1), height: z.int().min(1) })
    .optional(),
  level: z.int().min(0).default(0),
});

export const ImageRecipe = z.strictObject({
  kind: z.literal('image'),
  redact: Redact,
  max_side: z.int().min(16).optional(),
});

export const Recipe = z.discriminatedUnion('kind', [
  DicomRecipe,
  VideoRecipe,
  Hdf5Recipe,
  NiftiRecipe,
  WsiRecipe,
  ImageRecipe,
]);
export type Recipe = z.infer<typeof Recipe>;
export type RecipeInput = z.input<typeof Recipe>;
export type RecipeKind = Recipe['kind'];
