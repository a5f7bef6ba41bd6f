import type { z } from 'zod';
import { DatasetManifest } from './dataset-manifest.js';
import { Lock } from './lock.js';
import { Policy } from './policy.js';
import { Scenario } from './scenario.js';
import { Selection } from './selection.js';

/** Every schema with the file it is emitted to under manifests/schema/. One source of truth: zod. */
export const SCHEMAS = {
  dataset: { schema: DatasetManifest, file: 'dataset.schema.json', title: 'Dataset manifest' },
  scenario: { schema: Scenario, file: 'scenario.schema.json', title: 'Benchmark scenario' },
  lock: { schema: Lock, file: 'lock.schema.json', title: 'Hash-locked manifest of processed images' },
  policy: { schema: Policy, file: 'policy.schema.json', title: 'Repository data-use policy' },
  selection: { schema: Selection, file: 'selection.schema.json', title: 'Bulk selection of a dataset' },
} as const satisfies Record<string, { schema: z.ZodType; file: string; title: string }>;

export type SchemaName = keyof typeof SCHEMAS;

export type { LockEntry } from './lock.js';
export type { Recipe } from './recipe.js';
export { DatasetManifest, Lock, Policy, Scenario, Selection };
