import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { pointerToken } from '../json/json-document.js';
import { SCHEMAS, type SchemaName } from './index.js';
import { jsonSchemaFor } from './json-schema.js';

export interface SchemaError {
  /** JSON pointer of the offending value. */
  pointer: string;
  message: string;
  /** True when the problem is the key itself (unknown property), so it is located at the key. */
  atKey: boolean;
}

let compiled: Map<SchemaName, ValidateFunction> | undefined;

/** ajv validators, compiled once per process from the emitted JSON Schemas. */
function validators(): Map<SchemaName, ValidateFunction> {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, strict: false, discriminator: true });
    compiled = new Map();
    for (const name of Object.keys(SCHEMAS) as SchemaName[])
      compiled.set(name, ajv.compile(jsonSchemaFor(name)));
  }
  return compiled;
}

function describe(e: ErrorObject): SchemaError {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return {
        pointer: e.instancePath,
        message: `missing required field "${p.missingProperty}"`,
        atKey: false,
      };
    case 'additionalProperties':
      return {
        pointer: `${e.instancePath}/${pointerToken(String(p.additionalProperty))}`,
        message: `unknown field "${p.additionalProperty}"`,
        atKey: true,
      };
    case 'enum':
      return {
        pointer: e.instancePath,
        message: `${e.instancePath || 'value'} must be one of: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
        atKey: false,
      };
    default:
      return {
        pointer: e.instancePath,
        message: `${e.instancePath || 'document'} ${e.message ?? 'is invalid'}`,
        atKey: false,
      };
  }
}

/** Validates a parsed document; errors come back with pointers, most specific first, de-duplicated. */
export function validateAgainstSchema(name: SchemaName, value: unknown): SchemaError[] {
  const validate = validators().get(name)!;
  if (validate(value)) return [];
  const errors = (validate.errors ?? [])
    // anyOf/oneOf report every branch; the branch errors below them are the useful ones.
    .filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf' && e.keyword !== 'if')
    .map(describe);
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.pointer}\u0000${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
