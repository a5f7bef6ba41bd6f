import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Finding } from '../findings/finding.js';
import { writeFileAtomic } from '../fs/write-file-atomic.js';
import { LAYOUT } from '../repository/repository-layout.js';
import { emittedSchemaFiles } from './json-schema.js';

/** Writes manifests/schema/*.schema.json from the zod source; returns the files that changed. */
export async function writeSchemaFiles(root: string): Promise<string[]> {
  const changed: string[] = [];
  for (const [name, text] of emittedSchemaFiles()) {
    const file = path.join(root, LAYOUT.schemaDir, name);
    const current = await readFile(file, 'utf8').catch(() => undefined);
    if (current !== text) {
      await writeFileAtomic(file, text);
      changed.push(`${LAYOUT.schemaDir}/${name}`);
    }
  }
  return changed;
}

/** A finding for each committed schema file that differs from what the zod source emits. */
export async function checkSchemaFiles(root: string): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const [name, text] of emittedSchemaFiles()) {
    const file = `${LAYOUT.schemaDir}/${name}`;
    const current = await readFile(path.join(root, file), 'utf8').catch(() => undefined);
    if (current !== text) {
      findings.push({
        rule: 'schema/stale',
        severity: 'error',
        file,
        message:
          current === undefined
            ? 'missing; run `clinical-manifests schemas`'
            : 'stale: differs from the zod source; run `clinical-manifests schemas`',
      });
    }
  }
  return findings;
}
