import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Finding } from '../findings/finding.js';
import { JsonDocument } from '../json/json-document.js';
import { validateAgainstSchema } from '../schema/compiled-validators.js';
import { SCHEMAS, type SchemaName } from '../schema/index.js';

/** A content file after loading: its text with positions, and its value when it passed the schema. */
export interface LoadedFile<T> {
  /** Relative to the repository root, forward slashes. */
  file: string;
  doc?: JsonDocument;
  value?: T;
}

export const MAX_CONTENT_FILE_BYTES = 256 * 1024 * 1024;

/**
 * Reads, parses and schema-checks one JSON content file. Every problem becomes a finding with a line
 * and column; nothing is thrown for bad content.
 */
export async function loadJsonFile<T>(
  root: string,
  file: string,
  schema: SchemaName,
  findings: Finding[],
  options: { applyDefaults?: boolean } = {},
): Promise<LoadedFile<T>> {
  let text: string;
  try {
    const buffer = await readFile(path.join(root, file));
    if (buffer.length > MAX_CONTENT_FILE_BYTES) {
      findings.push({
        rule: 'json',
        severity: 'error',
        file,
        message: `file is larger than ${MAX_CONTENT_FILE_BYTES} bytes`,
      });
      return { file };
    }
    text = buffer.toString('utf8');
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
  for (const p of doc.structuralProblems()) {
    findings.push({
      rule: 'json',
      severity: 'error',
      file,
      line: p.line,
      column: p.column,
      message: p.message,
    });
  }
  const errors = validateAgainstSchema(schema, doc.value);
  for (const e of errors) {
    const at = e.atKey ? doc.locateKey(e.pointer) : doc.locate(e.pointer);
    findings.push({ rule: 'schema', severity: 'error', file, ...at, message: e.message });
  }
  if (errors.length > 0) return { file, doc };
  if (options.applyDefaults === false) return { file, doc, value: doc.value as T };
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
