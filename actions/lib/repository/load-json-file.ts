import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Finding } from '../findings/finding.js';
import { readBoundedFile } from '../fs/read-bounded-file.js';
import { JsonDocument } from '../json/json-document.js';
import { JSON_SIZE_LIMITS, jsonTooLarge } from '../json/json-limits.js';
import { validateAgainstSchema } from '../schema/compiled-validators.js';
import { SCHEMAS, type SchemaName } from '../schema/index.js';
import { LAYOUT } from './repository-layout.js';

/** A content file after loading: its text with positions, and its value when it passed the schema. */
export interface LoadedFile<T> {
  /** Relative to the repository root, forward slashes. */
  file: string;
  doc?: JsonDocument;
  value?: T;
  /** A dataset manifest built into clinical-manifests: no such file exists in the repository. */
  builtin?: true;
}

/** The `$schema` a content file should carry: the emitted schema, relative to the file. */
export function expectedSchemaRef(file: string, schema: SchemaName): string {
  const ref = path.posix.relative(path.posix.dirname(file), `${LAYOUT.schemaDir}/${SCHEMAS[schema].file}`);
  return ref.startsWith('.') ? ref : `./${ref}`;
}

/**
 * Bytes of JSON one load of a repository may read in all: its files are held parsed together (a
 * lock's objects take about as much again as its text), so a pull request of many files each under
 * its own limit must not add up past memory. CheXpert's 224,316 entries are ~125 MB.
 */
export const MAX_REPOSITORY_JSON_BYTES = 512 * 1024 * 1024;

/** What is left of the bytes a repository load may read; shared by the files of one load. */
export interface JsonBudget {
  left: number;
  readonly limit: number;
}

export function jsonBudget(limit = MAX_REPOSITORY_JSON_BYTES): JsonBudget {
  return { left: limit, limit };
}

/** At most this many schema errors are located and reported per file; the rest are counted. */
export const MAX_SCHEMA_FINDINGS = 50;

/**
 * Reads, parses and schema-checks one JSON content file. Every problem becomes a finding with a line
 * and column; nothing is thrown for bad content. A file too large for its kind is refused before it
 * is parsed, so memory stays bounded whatever the input.
 */
export async function loadJsonFile<T>(
  root: string,
  file: string,
  schema: SchemaName,
  findings: Finding[],
  options: { toolWritten?: boolean; budget?: JsonBudget } = {},
): Promise<LoadedFile<T>> {
  let text: string;
  try {
    const full = path.join(root, file);
    const { budget } = options;
    if (budget) {
      const { size } = await stat(full);
      if (size <= JSON_SIZE_LIMITS[schema] && size > budget.left) {
        findings.push({
          rule: 'json',
          severity: 'error',
          file,
          message: `not read: the repository's JSON files add up to more than ${budget.limit} bytes`,
        });
        return { file };
      }
      budget.left -= Math.min(size, JSON_SIZE_LIMITS[schema]);
    }
    const read = await readBoundedFile(full, JSON_SIZE_LIMITS[schema]);
    const tooLarge = jsonTooLarge(schema, read.size, 'bytes' in read ? read.bytes : undefined);
    if (tooLarge || !('bytes' in read)) {
      findings.push({ rule: 'json', severity: 'error', file, message: tooLarge ?? 'file is too large' });
      return { file };
    }
    text = read.bytes.toString('utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'read error';
    findings.push({ rule: 'json', severity: 'error', file, message: `cannot read file (${code})` });
    return { file };
  }
  const parsed = JsonDocument.parse(file, text);
  if ('problem' in parsed) {
    const { line, column, message } = parsed.problem;
    findings.push({
      rule: 'json',
      severity: 'error',
      file,
      line,
      column,
      message: `invalid JSON: ${message}`,
    });
    return { file };
  }
  const { doc } = parsed;
  // Tool-written files (locks) may hold hundreds of thousands of entries and have no defaults:
  // the schema check suffices, without the position scan or a second parse by zod.
  const structural = options.toolWritten ? [] : doc.structuralProblems();
  for (const p of structural) {
    findings.push({
      rule: 'json',
      severity: 'error',
      file,
      line: p.line,
      column: p.column,
      message: p.message,
    });
  }
  // A value nested past the limit is reported and dropped: no check may recurse through it.
  if (structural.some((p) => p.fatal)) return { file };
  const schemaRef = expectedSchemaRef(file, schema);
  const declared = (doc.value as { $schema?: unknown } | null)?.$schema;
  if (
    declared !== schemaRef &&
    doc.value !== null &&
    typeof doc.value === 'object' &&
    !Array.isArray(doc.value)
  ) {
    const at = declared === undefined ? { line: 1, column: 1 } : doc.locate('/$schema');
    findings.push({
      rule: 'schema/ref',
      severity: 'warning',
      file,
      ...at,
      message: `"$schema" should be "${schemaRef}" so editors complete and check this file`,
    });
  }
  // A large file (a lock) is checked up to its first error: every error of millions of bad values
  // would cost more memory than the file.
  const errors = validateAgainstSchema(schema, doc.value, { firstErrorOnly: doc.isLarge });
  doc.prefetch(errors.slice(0, MAX_SCHEMA_FINDINGS).map((e) => e.pointer));
  for (const e of errors.slice(0, MAX_SCHEMA_FINDINGS)) {
    const at = e.atKey ? doc.locateKey(e.pointer) : doc.locate(e.pointer);
    findings.push({ rule: 'schema', severity: 'error', file, ...at, message: e.message });
  }
  if (errors.length > MAX_SCHEMA_FINDINGS)
    findings.push({
      rule: 'schema',
      severity: 'error',
      file,
      message: `${errors.length - MAX_SCHEMA_FINDINGS} more schema errors not shown`,
    });
  if (errors.length > 0) return { file, doc };
  if (options.toolWritten) return { file, doc, value: doc.value as T };
  const result = SCHEMAS[schema].schema.safeParse(doc.value);
  if (!result.success) {
    // The JSON Schema and zod agree by construction; a difference here is a bug worth seeing.
    const issue = result.error.issues[0]!;
    const pointer = issue.path.map((p) => `/${String(p)}`).join('');
    findings.push({
      rule: 'schema',
      severity: 'error',
      file,
      ...doc.locate(pointer),
      message: issue.message,
    });
    return { file, doc };
  }
  return { file, doc, value: result.data as T };
}
