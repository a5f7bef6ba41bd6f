import { z } from 'zod';
import { Recipe } from './recipe.js';

/** A bulk selection: every file of a dataset matching a glob, processed by one recipe. */
export const Selection = z.strictObject({
  $schema: z.string().optional(),
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  dataset: z.string().min(1),
  include: z.array(z.string().min(1)).min(1).describe('Globs relative to the data root.'),
  exclude: z.array(z.string().min(1)).default([]),
  recipe: Recipe,
  output_dir: z.string().min(1).describe('Outputs go to <output_dir>/<source path>.png.'),
});
export type Selection = z.infer<typeof Selection>;
