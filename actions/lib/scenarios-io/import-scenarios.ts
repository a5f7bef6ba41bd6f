import { existsSync, readFileSync, statSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../errors.js';
import { writeFileAtomic } from '../fs/write-file-atomic.js';
import { JsonDocument } from '../json/json-document.js';
import { jsonTextTooLarge } from '../json/json-limits.js';
import { LAYOUT } from '../repository/repository-layout.js';
import { Scenario } from '../schema/scenario.js';
import type { ScenarioRecord } from './export-scenarios.js';

/** The `$schema` every scenario file starts with, relative to scenarios/. */
export const SCENARIO_SCHEMA_REF = '../manifests/schema/scenario.schema.json';

/** A planned scenario file. */
export interface ScenarioWrite {
  /** Relative to the repository root: scenarios/<id>.json. */
  file: string;
  content: string;
  replaces: boolean;
  /** The committed image to bring along: copied from here to scenarios/<image_file>. */
  image?: { from: string; to: string };
}

/**
 * A plain scenario's image (no `synthetic`, no `source`: a committed image) resolved as the benchmark
 * does, against `imageRoot` (the imported file's folder, or a root given by flag), and brought into
 * scenarios/. One from a patient (metadata.patient_id) is never copied: licensed data stays out.
 */
function planImage(
  root: string,
  record: Scenario,
  imageRoot: string,
  replace: boolean,
): { image?: ScenarioWrite['image']; problem?: string } {
  if (record.synthetic || record.source) return {};
  const from = path.resolve(imageRoot, record.image_file);
  const to = `${LAYOUT.scenariosDir}/${record.image_file}`;
  const target = path.join(root, to);
  const found = statSync(from, { throwIfNoEntry: false })?.isFile() ?? false;
  if (!found) {
    if (existsSync(target)) return {};
    return {
      problem: `image_file ${record.image_file}: not found at ${from} nor at ${to} (give --image-root DIR)`,
    };
  }
  if (record.metadata?.patient_id !== undefined)
    return {
      problem: `image_file ${record.image_file} is a patient's image (metadata.patient_id): licensed data never enters the repository; give the scenario a source {dataset, path, recipe} or a synthetic block`,
    };
  if (existsSync(target)) {
    if (readFileSync(target).equals(readFileSync(from))) return {};
    if (!replace)
      return { problem: `${to} already exists with other content (use --replace to overwrite it)` };
  }
  return { image: { from, to } };
}

function label(index: number, value: unknown): string {
  const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? `[${index}] ${id}` : `[${index}]`;
}

/**
 * Checks a scenarios.json array and plans one file per scenario. Every problem is collected (schema
 * errors with their JSON pointer, ids repeated in the file, ids that already exist unless `replace`)
 * and thrown together, so nothing is written when anything is wrong.
 */
export function planScenarioImport(
  root: string,
  sourceFile: string,
  text: string,
  options: { replace?: boolean; imageRoot?: string } = {},
): ScenarioWrite[] {
  const tooLarge = jsonTextTooLarge('json', text);
  if (tooLarge) throw new InputError('scenarios-json', sourceFile, tooLarge);
  const parsed = JsonDocument.parse(sourceFile, text);
  if ('problem' in parsed) {
    throw new InputError(
      'scenarios-json',
      sourceFile,
      `line ${parsed.problem.line}, column ${parsed.problem.column}: ${parsed.problem.message}`,
    );
  }
  // What JSON.parse accepts and validate refuses (nesting past the limit, duplicate keys) is refused
  // here too: such a value cannot be written back safely.
  const structural = parsed.doc.structuralProblems()[0];
  if (structural) {
    throw new InputError(
      'scenarios-json',
      sourceFile,
      `line ${structural.line}, column ${structural.column}: ${structural.message}`,
    );
  }
  const value = parsed.doc.value;
  if (!Array.isArray(value))
    throw new InputError('scenarios-shape', sourceFile, 'must be a JSON array of scenario objects');
  const problems: string[] = [];
  const seen = new Map<string, number>();
  const writes: ScenarioWrite[] = [];
  value.forEach((item: unknown, index) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      problems.push(`${label(index, item)}: not an object`);
      return;
    }
    const { $schema: _schema, ...record } = item as ScenarioRecord;
    const result = Scenario.safeParse(record);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const pointer = issue.path.map((p) => `/${String(p)}`).join('') || '/';
        problems.push(`${label(index, item)}: ${pointer}: ${issue.message}`);
      }
      return;
    }
    const id = record.id;
    const first = seen.get(id);
    if (first !== undefined) {
      problems.push(`${label(index, item)}: duplicate id "${id}" (also at [${first}])`);
      return;
    }
    seen.set(id, index);
    const file = `${LAYOUT.scenariosDir}/${id}.json`;
    const exists = existsSync(path.join(root, file));
    if (exists && !options.replace) {
      problems.push(`${label(index, item)}: ${file} already exists (use --replace to overwrite it)`);
      return;
    }
    const image = options.imageRoot
      ? planImage(root, result.data, options.imageRoot, options.replace ?? false)
      : {};
    if (image.problem) {
      problems.push(`${label(index, item)}: ${image.problem}`);
      return;
    }
    writes.push({
      file,
      content: `${JSON.stringify({ $schema: SCENARIO_SCHEMA_REF, ...record }, null, 2)}\n`,
      replaces: exists,
      ...(image.image ? { image: image.image } : {}),
    });
  });
  if (problems.length > 0) {
    throw new InputError(
      'scenarios-invalid',
      sourceFile,
      `${problems.length} problem${problems.length === 1 ? '' : 's'}, nothing imported:\n  ${problems.join('\n  ')}`,
    );
  }
  return writes;
}

/** Writes the planned files, each atomically (temp file, fsync, rename). */
export async function applyScenarioImport(root: string, writes: readonly ScenarioWrite[]): Promise<void> {
  for (const w of writes) {
    if (w.image) {
      await mkdir(path.dirname(path.join(root, w.image.to)), { recursive: true });
      await copyFile(w.image.from, path.join(root, w.image.to));
    }
    await writeFileAtomic(path.join(root, w.file), w.content);
  }
}
