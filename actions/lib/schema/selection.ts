import { z } from 'zod';
import { Recipe } from './recipe.js';

/** A bulk selection: every file of a dataset matching a glob, processed by one recipe. */
export const Selection = z.strictObject({
  $schema: z.string().optional(),
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  dataset: z.string().min(1),
  include: z.array(z.string().min(1)).min(1).describe('Globs relative to the data root.'),
  exclude: z.array(z.string().min(1)).default([]),
  where: z
    .string()
    .min(1)
    .max(4000)
    .optional()
    .describe(
      'Label query over the dataset’s label fields: ==, !=, <, <=, >, >=, in [..], not in [..], and, or, not, ( ); e.g. `EF < 40`, `Pneumonia == 1 and "Frontal/Lateral" == Frontal`.',
    ),
  sample: z
    .strictObject({
      n: z.int().min(1),
      seed: z.union([z.int(), z.string().min(1)]),
      stratify_by: z
        .array(z.string().min(1))
        .default([])
        .describe('Label fields; n is shared out by stratum size.'),
    })
    .optional()
    .describe('A seeded sample of the matching sources: the same on every runner and shard.'),
  recipe: Recipe,
  output_dir: z.string().min(1).describe('Outputs go to <output_dir>/<source path>.png.'),
});
export type Selection = z.infer<typeof Selection>;
