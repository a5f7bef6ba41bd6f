import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { pointerToken } from '../json/json-document.js';
import type { SchemaName } from './index.js';
import { jsonSchemaFor } from './json-schema.js';

export interface SchemaError {
  /** JSON pointer of the offending value. */
  pointer: string;
  message: string;
  /** True when the problem is the key itself (unknown property), so it is located at the key. */
  atKey: boolean;
}

const compiled = new Map<string, ValidateFunction>();
const ajvs = new Map<boolean, Ajv2020>();

/**
 * ajv validators, compiled once per process from the emitted JSON Schemas: reporting every error, or
 * stopping at the first (for a large file, where every error of millions of bad values would cost
 * more memory than the file).
 */
function validator(name: SchemaName, allErrors: boolean): ValidateFunction {
  const key = `${name}:${allErrors}`;
  let validate = compiled.get(key);
  if (!validate) {
    let ajv = ajvs.get(allErrors);
    if (!ajv) {
      ajv = new Ajv2020({ allErrors, strict: false, discriminator: true });
      ajvs.set(allErrors, ajv);
    }
    validate = ajv.compile(jsonSchemaFor(name));
    compiled.set(key, validate);
  }
  return validate;
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
export function validateAgainstSchema(
  name: SchemaName,
  value: unknown,
  options: { firstErrorOnly?: boolean } = {},
): SchemaError[] {
  const validate = validator(name, !options.firstErrorOnly);
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
