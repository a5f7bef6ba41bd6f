import { z } from 'zod';
import { SCHEMAS, type SchemaName } from './index.js';

export const SCHEMA_BASE_URL = 'https://clinical-manifests.invalid/schema/';

/** The JSON Schema emitted from a zod schema: what editors and ajv see. Deterministic output. */
export function jsonSchemaFor(name: SchemaName): Record<string, unknown> {
  const { schema, file, title } = SCHEMAS[name];
  const emitted = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'throw' });
  markDiscriminators(emitted);
  return { ...emitted, $id: `${SCHEMA_BASE_URL}${file}`, title };
}

/**
 * zod emits a discriminated union as a plain `oneOf`, so a validator reports every branch's errors.
 * Marking the discriminator lets ajv check only the branch the `kind` names: one precise error.
 */
function markDiscriminators(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(markDiscriminators);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const obj = node as Record<string, unknown>;
  const branches = obj.oneOf;
  if (Array.isArray(branches) && branches.length > 1) {
    const tag = commonConstProperty(branches as Record<string, unknown>[]);
    if (tag) obj.discriminator = { propertyName: tag };
  }
  Object.values(obj).forEach(markDiscriminators);
}

function commonConstProperty(branches: Record<string, unknown>[]): string | undefined {
  const first = branches[0]?.properties as Record<string, { const?: unknown }> | undefined;
  if (!first) return undefined;
  return Object.keys(first).find((key) =>
    branches.every((b) => {
      const props = b.properties as Record<string, { const?: unknown }> | undefined;
      return props?.[key]?.const !== undefined && Array.isArray(b.required) && b.required.includes(key);
    }),
  );
}

/** File name → pretty-printed text, for writing manifests/schema/ and for the staleness test. */
export function emittedSchemaFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of Object.keys(SCHEMAS) as SchemaName[]) {
    files.set(SCHEMAS[name].file, `${JSON.stringify(jsonSchemaFor(name), null, 2)}\n`);
  }
  return files;
}
