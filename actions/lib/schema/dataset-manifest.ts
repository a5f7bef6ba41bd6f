import { z } from 'zod';
import { Anatomy, FileFormat, Modality, TERM_NAMES, TermAnswer } from './vocabulary.js';

const Id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case words joined by hyphens');
const Url = z.string().regex(/^https:\/\/[^\s]+$/, 'an https:// address');
const Doi = z.string().regex(/^10\.\d{4,9}\/\S+$/, 'a DOI such as 10.1234/abcd, without https://doi.org/');

/** One entry of what an extracted download must contain, checked by `datasets check`. */
export const LayoutEntry = z.strictObject({
  path: z.string().min(1).describe('Relative to the data root; `*` and `**` globs allowed.'),
  kind: z.enum(['file', 'dir', 'glob']),
  description: z.string().min(1),
  min_count: z.int().min(1).optional().describe('For globs: how many matches at least.'),
  csv_header: z.array(z.string()).optional().describe('Exact first line of a CSV file, split on commas.'),
  csv_has_header: z.boolean().optional().describe('False for CSV files with no header row (MURA).'),
  hdf5_keys: z.array(z.string()).optional(),
  names: z
    .record(z.string().min(1), z.string().min(1))
    .optional()
    .describe(
      'For globs: by wildcard segment of `path` (e.g. "study*", "**") or by segment number (1-based, e.g. "3"), the regular expression each name there must match, or "patient_id" for patient_id_pattern. Without one, a name may hold only ASCII letters, digits, . _ -; source paths that do not fit are refused.',
    ),
});

/** How a source finds its row in a label file: the key the key column must equal (issue 18). */
export const LabelKey = z.discriminatedUnion('from', [
  z.strictObject({ from: z.literal('path') }).describe('The source path itself (CheXpert `Path`).'),
  z
    .strictObject({
      from: z.literal('path-prefix'),
      segments: z.int().min(1),
      trailing_slash: z.boolean().default(false),
    })
    .describe('The first `segments` segments of the source path (MURA: the study folder, with its `/`).'),
  z
    .strictObject({ from: z.literal('file-stem') })
    .describe('The file name without its extension (EchoNet `FileName`).'),
  z
    .strictObject({ from: z.literal('recipe-value'), key: z.string().min(1) })
    .describe('The value the recipe selects by `key` (Thyroid `annot_id` of an hdf5 recipe).'),
  z
    .strictObject({ from: z.literal('path-segment'), segment: z.int().min(1) })
    .describe('One folder of the source path, 1-based (COCA patient folder, SinoCT series folder).'),
]);

/** A table of labels the dataset ships, and how a source finds its row in it (issue 18). */
export const LabelFile = z.strictObject({
  files: z
    .array(z.string().min(1))
    .min(1)
    .describe(
      'Label files relative to the dataset folder, read as one table; `*` allowed in the last segment. A key in two rows is ambiguous.',
    ),
  format: z.enum(['csv', 'xlsx']),
  columns: z
    .array(z.string().min(1))
    .optional()
    .describe('For a file without a header row (MURA): this manifest’s names of its columns.'),
  sheet: z.string().min(1).optional().describe('For xlsx: the sheet; default the first.'),
  key_column: z.string().min(1).describe('The column whose value is the key.'),
  key: LabelKey,
  applies_to: z
    .array(z.string().min(1))
    .optional()
    .describe('Globs of the source paths this file labels (`*`, `**`); default every source.'),
});

/** A label the dataset ships: the vocabulary a scenario's ground truth must come from. */
export const LabelField = z.strictObject({
  name: z.string().min(1).describe('Column or key name exactly as in the dataset.'),
  source: z.string().min(1).describe('File that holds it, relative to the data root.'),
  held_in: z
    .enum(['label-file', 'image', 'path', 'annotation'])
    .default('label-file')
    .describe(
      'Where it lives: a column of a declared label file (the only kind source.labels may name and regenerate checks), the image or volume itself, the source path, or per-frame/per-ROI annotations.',
    ),
  grounds: z
    .record(z.string().min(1), z.string().min(1))
    .optional()
    .describe(
      'Finding → label query that grounds it (e.g. "pneumonia": "Pneumonia == 1"), for `scenarios suggest`.',
    ),
  description: z.string().min(1),
  type: z.enum(['categorical', 'number']),
  values: z
    .array(z.strictObject({ value: z.union([z.string(), z.number()]), meaning: z.string() }))
    .optional()
    .describe('For categorical labels: each coded value and its meaning.'),
  unit: z.string().optional(),
  findings: z
    .array(z.string().min(1))
    .describe('Clinical findings this label can ground, lower case (e.g. "pneumonia", "benign nodule").'),
});

export const Reference = z.strictObject({
  text: z.string().min(1).describe('Full reference as it should be printed.'),
  doi: Doi.optional(),
  arxiv: z.string().optional(),
  url: Url.optional(),
});

export const Terms = z.strictObject(
  Object.fromEntries(TERM_NAMES.map((t) => [t, TermAnswer])) as Record<
    (typeof TERM_NAMES)[number],
    typeof TermAnswer
  >,
);

export const Unverified = z.strictObject({
  field: z.string().regex(/^(\/[^/]*)+$/, 'a JSON pointer such as /dataset_doi'),
  source: z.string().min(1).describe('What was read: a third-party repository, a paper, a page.'),
  note: z.string().optional(),
});

export const DatasetManifest = z.strictObject({
  $schema: z.string().optional(),
  id: Id,
  title: z.string().min(1),
  provider: z.strictObject({ name: z.string().min(1), url: Url }),
  description: z.string().min(1),
  modalities: z.array(Modality).min(1),
  anatomy: z.array(Anatomy).min(1),
  counts: z
    .record(z.string(), z.union([z.int().min(0), z.literal('unknown')]))
    .describe('e.g. images, studies, patients; "unknown" where no source states it.'),
  formats: z.array(FileFormat).min(1),
  layout: z.strictObject({
    root: z.string().min(1).describe('Top folder of the extracted download, relative to the data root.'),
    entries: z.array(LayoutEntry).min(1),
  }),
  label_fields: z.array(LabelField),
  label_files: z
    .array(LabelFile)
    .default([])
    .describe('The tables that hold label_fields with held_in "label-file", and how a source finds its row.'),
  patient_id_pattern: z
    .string()
    .min(1)
    .describe('Regular expression for the dataset’s pseudonymous patient or case ids.'),
  landing_page: Url,
  portal_url: Url.optional(),
  dataset_doi: Doi.nullable(),
  dataset_doi_missing_reason: z.string().min(1).optional(),
  citation: z.strictObject({
    acknowledgement: z.string().describe('Required acknowledgement, verbatim.'),
    acknowledgement_source: z.string().min(1),
    references: z.array(Reference),
    bibtex: z.string(),
  }),
  licence: z.strictObject({
    name: z.string().min(1),
    url: Url,
    registration_required: z.boolean(),
    registration_per_user: z.boolean().optional(),
    terms: Terms,
    notes: z.array(z.string()).optional(),
  }),
  access: z.strictObject({
    registration_url: Url.optional(),
    steps: z.array(z.string().min(1)).min(1),
  }),
  unverified: z.array(Unverified).default([]),
});
export type DatasetManifest = z.infer<typeof DatasetManifest>;
export type LabelField = z.infer<typeof LabelField>;
export type LabelFile = z.infer<typeof LabelFile>;
export type LabelKey = z.infer<typeof LabelKey>;
