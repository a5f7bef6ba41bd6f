import { z } from 'zod';

/** Imaging modalities, as benchmarks name them. `echo` is cardiac ultrasound. */
export const Modality = z.enum(['xray', 'ct', 'mri', 'ultrasound', 'echo', 'pathology']);
export type Modality = z.infer<typeof Modality>;

/**
 * Body regions, coarse on purpose: the check is "does this dataset image that region at all", which is
 * what caught the benchmark's old CT-abdomen-from-a-chest-CT mapping.
 */
export const Anatomy = z.enum([
  'head',
  'brain',
  'sinus',
  'neck',
  'thyroid',
  'chest',
  'lung',
  'heart',
  'abdomen',
  'pelvis',
  'spine',
  'shoulder',
  'humerus',
  'elbow',
  'forearm',
  'wrist',
  'hand',
  'finger',
  'lower-limb',
  'tissue',
]);
export type Anatomy = z.infer<typeof Anatomy>;

/** The data-use terms every dataset manifest must state, each with one of four answers. */
export const TERM_NAMES = [
  'non_commercial_research',
  'academic_publication',
  'model_training',
  'commercial_use',
  'redistribution',
  'derivative_works',
  'reidentification',
  'labels_redistribution',
] as const;
export type TermName = (typeof TERM_NAMES)[number];

export const TermAnswer = z.enum(['allowed', 'prohibited', 'requires-agreement', 'unknown']);
export type TermAnswer = z.infer<typeof TermAnswer>;

export const FileFormat = z.enum([
  'dicom',
  'jpeg',
  'png',
  'avi',
  'hdf5',
  'nifti',
  'svs',
  'tiff',
  'csv',
  'xlsx',
  'plist-xml',
]);
