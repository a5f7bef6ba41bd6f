import { z } from 'zod';

/** Which uses of the data this benchmark intends, checked against every used dataset's terms. */
export const IntendedUse = z.enum([
  'non_commercial_research',
  'academic_publication',
  'model_training',
  'commercial_use',
]);

export const Policy = z.strictObject({
  $schema: z.string().optional(),
  intended_use: z.array(IntendedUse).min(1),
  repository_visibility: z
    .enum(['public', 'private'])
    .describe('Assumed visibility; on GitHub the event payload overrides it.'),
  output_dirs: z
    .array(z.string().min(1))
    .default([])
    .describe(
      'Directories (relative to the repository) where processed images may be written; must be git-ignored.',
    ),
  data_dirs: z
    .array(z.string().min(1))
    .default([])
    .describe('Directories that may hold licensed data; must be git-ignored.'),
  allowed_binary_files: z
    .array(
      z.strictObject({
        path: z.string().min(1),
        reason: z.string().min(1),
        licence: z.string().min(1),
        sha256: z
          .string()
          .regex(/^[0-9a-f]{64}$/)
          .optional()
          .describe(
            'SHA-256 of the allowed content (lower-case hex). Without it, a pull request may only keep the content the base branch has at this path; with it, exactly this content is allowed.',
          ),
      }),
    )
    .default([])
    .describe(
      'Tracked binary files that are not data, each with a reason and its licence. On a pull request the guard reads this list from the base branch, never from the pull request.',
    ),
  reviewed_burned_in_annotation: z
    .array(z.strictObject({ output: z.string().min(1), reason: z.string().min(1) }))
    .default([])
    .describe(
      'Outputs (a scenario image_file) whose source may show burned-in text (Burned In Annotation (0028,0301) YES, or undeclared on ultrasound) and whose pixels a reviewer checked for patient identifiers, each with a reason; validate then reports a notice instead of an error or warning.',
    ),
  text_scan_exempt: z
    .array(z.strictObject({ dataset: z.string().min(1), reason: z.string().min(1) }))
    .default([])
    .describe(
      'Datasets whose outputs regenerate does not scan for burned-in text (e.g. CT and MRI reconstructions that carry none), each with a reason; shown as a notice.',
    ),
  reviewed_burned_in_text: z
    .array(
      z.strictObject({
        output: z.string().min(1),
        pixels_sha256: z.string().regex(/^[0-9a-f]{64}$/),
        reason: z.string().min(1),
      }),
    )
    .default([])
    .describe(
      'Outputs whose burned-in text the scan classed identifying and a reviewer accepted (clinical-manifests review-images prints the entry). Bound to the pixels: a changed image needs a new review.',
    ),
});
export type Policy = z.infer<typeof Policy>;
