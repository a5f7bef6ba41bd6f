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

/** A label the dataset ships: the vocabulary a scenario's ground truth must come from. */
export const LabelField = z.strictObject({
  name: z.string().min(1).describe('Column or key name exactly as in the dataset.'),
  source: z.string().min(1).describe('File that holds it, relative to the data root.'),
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
