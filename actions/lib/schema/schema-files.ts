import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Finding } from '../findings/finding.js';
import { writeFileAtomic } from '../fs/write-file-atomic.js';
import { LAYOUT } from '../repository/repository-layout.js';
import { emittedSchemaFiles } from './json-schema.js';

/** The emitted schema files whose committed copy is missing or differs, with what they should hold. */
async function staleSchemaFiles(root: string): Promise<{ file: string; text: string; missing: boolean }[]> {
  const stale: { file: string; text: string; missing: boolean }[] = [];
  for (const [name, text] of emittedSchemaFiles()) {
    const file = `${LAYOUT.schemaDir}/${name}`;
    const current = await readFile(path.join(root, file), 'utf8').catch(() => undefined);
    if (current !== text) stale.push({ file, text, missing: current === undefined });
  }
  return stale;
}

/** Writes manifests/schema/*.schema.json from the zod source; returns the files that changed. */
export async function writeSchemaFiles(root: string): Promise<string[]> {
  const stale = await staleSchemaFiles(root);
  for (const { file, text } of stale) await writeFileAtomic(path.join(root, file), text);
  return stale.map((s) => s.file);
}

/** A finding for each committed schema file that differs from what the zod source emits. */
export async function checkSchemaFiles(root: string): Promise<Finding[]> {
  return (await staleSchemaFiles(root)).map(({ file, missing }) => ({
    rule: 'schema/stale',
    severity: 'error',
    file,
    message: missing
      ? 'missing; run `clinical-manifests schemas`'
      : 'stale: differs from the zod source; run `clinical-manifests schemas`',
  }));
}
