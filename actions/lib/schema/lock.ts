import { z } from 'zod';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, '64 lower-case hex digits');

/** The burned-in text scan of one output (issue 16). Counts and category names only. */
export const TextScanRecord = z.strictObject({
  engine: z.string().min(1).describe('Recogniser, e.g. "tesseract-wasm".'),
  version: z.string().min(1),
  model: z.string().min(1),
  frames: z.int().min(1),
  text_regions: z.int().min(0),
  identifying_regions: z.int().min(0).describe('Regions classed identifying in the output as written.'),
  categories: z.array(z.string().min(1)).describe('Distinct categories of the regions, sorted.'),
  redacted_regions: z
    .int()
    .min(1)
    .optional()
    .describe('Regions filled because the recipe says redact: "text"; the counts are of the rescan.'),
  reviewed: z
    .literal(true)
    .optional()
    .describe('Identifying text a reviewer accepted (policy reviewed_burned_in_text, same pixels_sha256).'),
});
export type TextScanRecord = z.infer<typeof TextScanRecord>;

/** One processed image: what it was made from, how, and what came out. Hashes and numbers only. */
export const LockEntry = z.strictObject({
  output: z.string().min(1).describe('Output path relative to the outputs directory.'),
  source: z.strictObject({
    path: z.string().min(1).describe('Relative to the data root.'),
    sha256: Sha256,
    size: z.int().min(0),
  }),
  recipe: z.record(z.string(), z.unknown()).describe('The resolved recipe (e.g. the frame index chosen).'),
  recipe_sha256: Sha256,
  output_sha256: Sha256,
  pixels_sha256: Sha256.describe('Hash of the decoded pixels, robust to PNG encoder differences.'),
  width: z.int().min(1),
  height: z.int().min(1),
  channels: z.union([z.literal(1), z.literal(3)]),
  labels: z
    .strictObject({
      file: z
        .string()
        .min(1)
        .describe('The label file the row was read from, relative to the dataset folder.'),
      row_sha256: Sha256.describe(
        'Hash of the whole label row (column → cell text): a revised row is drift.',
      ),
      claimed_sha256: Sha256.optional().describe(
        'Hash of what the scenario declared (dataset, path, key, source.labels) when its labels matched the row.',
      ),
    })
    .optional()
    .describe(
      'The label row this entry was checked against (scenario labels) or picked by (selection query).',
    ),
  burned_in_annotation: z
    .enum(['YES', 'NO', 'undeclared'])
    .optional()
    .describe('DICOM BurnedInAnnotation of the source, for ultrasound and secondary-capture images.'),
  text_scan: TextScanRecord.optional().describe(
    'What the burned-in text scan of the output found: engine, counts and categories, never the text.',
  ),
});
export type LockEntry = z.infer<typeof LockEntry>;

/** A lock file: one dataset (or one shard of it), sorted entries, one entry per line, no timestamps. */
export const Lock = z.strictObject({
  $schema: z.string().optional(),
  format: z.literal(1),
  dataset: z.string().min(1),
  shard: z.string().optional().describe('Stable shard key of a split lock, e.g. a hash prefix.'),
  tools: z.record(z.string(), z.string()).describe('Versions of what produced the entries.'),
  entries: z.array(LockEntry),
});
export type Lock = z.infer<typeof Lock>;
