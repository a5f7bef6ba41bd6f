import { z } from 'zod';
import { Recipe } from './recipe.js';
import { Anatomy, Modality } from './vocabulary.js';

/**
 * The synthetic image generators (actions/lib/synth/generators), an enum so editors complete them and
 * validate names a typo; test/adoption checks it matches the generators the synth engine knows.
 */
export const SYNTHETIC_GENERATORS = ['xray', 'ct', 'mri', 'ultrasound', 'echo', 'pathology'] as const;

const RelativePath = z
  .string()
  .min(1)
  .refine(
    // Control characters (NUL above all) never belong in a path and break every file API.
    (p) =>
      !p.startsWith('/') &&
      !/^[A-Za-z]:/.test(p) &&
      !p.split(/[\\/]/).includes('..') &&
      !/[\u0000-\u001f]/.test(p),
    {
      message:
        'must be a relative path that stays inside its root (no leading /, no .., no control characters)',
    },
  );

/**
 * A benchmark case. `id`, `image_file`, `ground_truth` and `metadata` are the shape benchmarks already
 * keep in one scenarios.json; the rest says where the image comes from.
 */
export const Scenario = z.looseObject({
  $schema: z.string().optional(),
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'letters, digits, _ . - only'),
  title: z.string().optional(),
  image_file: RelativePath.describe(
    'What the benchmark loads: synthetic_images/… (committed) or a processed output path (never committed).',
  ),
  ground_truth: z.string().min(1),
  modality: Modality.optional().describe('Required with a real source, so the dataset fit can be checked.'),
  anatomy: z.array(Anatomy).min(1).optional().describe('Required with a real source.'),
  findings: z
    .array(z.string().min(1))
    .default([])
    .describe('The clinical findings the ground truth asserts, lower case, in the dataset’s vocabulary.'),
  metadata: z.looseObject({
    source: z.string().optional(),
    doi: z.string().optional(),
    patient_id: z.string().optional(),
  }),
  synthetic: z
    .strictObject({
      image_file: RelativePath,
      generator: z
        .enum(SYNTHETIC_GENERATORS)
        .describe('The generator: `clinical-manifests synth --help` lists each with its parameters.'),
      seed: z.int().min(0),
      parameters: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
    })
    .optional()
    .describe(
      'The committed stand-in image and how to make it again byte for byte. Without it, image_file is a committed image the guard must find in the allowlist.',
    ),
  source: z
    .strictObject({
      dataset: z.string().min(1),
      path: RelativePath.describe('Inside the dataset’s data root.'),
      recipe: Recipe,
      labels: z
        .record(z.string(), z.union([z.string(), z.number()]))
        .describe(
          'Label field → value, exactly as the dataset codes it; only labels held in a label file of the dataset manifest (label_files). Regenerate and verify check them against the row the source maps to.',
        ),
    })
    .optional()
    .describe('The real licensed source, where a dataset truly fits this case.'),
});
export type Scenario = z.infer<typeof Scenario>;
