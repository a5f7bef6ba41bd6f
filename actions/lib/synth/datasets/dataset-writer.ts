import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../../errors.js';
import type { Scenario } from '../../schema/scenario.js';

/** A scenario's real source, with the scenario file that names it (for error messages). */
export interface ScenarioSource {
  scenarioFile: string;
  source: NonNullable<Scenario['source']>;
}

/** What a dataset writer gets: its own folder (DATA_ROOT/<id>), a seed, and the sources to provide. */
export interface DatasetWriterContext {
  dir: string;
  seed: number;
  sources: readonly ScenarioSource[];
}

/** Writes one dataset's synthetic files, mirroring the real layout at small scale. */
export interface DatasetWriter {
  id: string;
  write(ctx: DatasetWriterContext): Promise<void>;
}

/** Absolute path of a file in the dataset folder, its parent folder created. */
export async function prepare(ctx: DatasetWriterContext, relative: string): Promise<string> {
  const file = path.join(ctx.dir, ...relative.split('/'));
  await mkdir(path.dirname(file), { recursive: true });
  return file;
}

/** Writes bytes or text at a path relative to the dataset folder, creating folders. */
export async function put(
  ctx: DatasetWriterContext,
  relative: string,
  data: string | Uint8Array,
): Promise<string> {
  const file = await prepare(ctx, relative);
  await writeFile(file, data);
  return file;
}

/** The error for a scenario path the writer cannot place in the dataset's layout. */
export function unplaceable(s: ScenarioSource, layout: string): InputError {
  return new InputError(
    'synth-source-path',
    s.scenarioFile,
    // The path is not quoted: one off the layout may carry a patient's name.
    `source.path does not follow the dataset's layout (${layout}); synth cannot make it`,
  );
}

/** A label value from a scenario's source.labels, if it is a number. */
export function numberLabel(s: ScenarioSource | undefined, name: string): number | undefined {
  const v = s?.source.labels[name];
  return typeof v === 'number'
    ? v
    : typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))
      ? Number(v)
      : undefined;
}
