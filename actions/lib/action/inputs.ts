/**
 * One parser for the boolean and integer inputs of all three actions, so `False`, `True` and `lots`
 * mean the same everywhere. Booleans are YAML 1.2 core-schema booleans (what the runner documents and
 * @actions/core's getBooleanInput accepts); anything else is an error naming the input.
 */

/** Reads a raw input by name (the runner's INPUT_* value, trimmed); passed in so this never imports @actions/core. */
export type ReadInput = (name: string) => string;

const TRUE = new Set(['true', 'True', 'TRUE']);
const FALSE = new Set(['false', 'False', 'FALSE']);

/** An input that is not what its action.yml says it takes. */
export class InputValueError extends Error {
  override name = 'InputValueError';
}

/** `true`/`True`/`TRUE` or `false`/`False`/`FALSE`; empty gives `fallback` (the action.yml default). */
export function parseBoolean(name: string, raw: string, fallback: boolean): boolean {
  const value = raw.trim();
  if (value === '') return fallback;
  if (TRUE.has(value)) return true;
  if (FALSE.has(value)) return false;
  throw new InputValueError(
    `${name} must be a boolean: true, True, TRUE, false, False or FALSE (got "${value}")`,
  );
}

/** A whole decimal number within [min, max]; empty gives `fallback` (undefined: no value). */
export function parseInteger<F extends number | undefined>(
  name: string,
  raw: string,
  fallback: F,
  range: { min?: number; max?: number } = {},
): number | F {
  const value = raw.trim();
  if (value === '') return fallback;
  const min = range.min ?? 0;
  const max = range.max ?? Number.MAX_SAFE_INTEGER;
  const n = /^[+-]?\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    const bound = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`;
    throw new InputValueError(`${name} must be a whole number ${bound} (got "${value}")`);
  }
  return n;
}

/** The typed readers an action's main uses, bound to its input source. */
export function inputReader(read: ReadInput) {
  return {
    string: (name: string, fallback = ''): string => read(name).trim() || fallback,
    boolean: (name: string, fallback: boolean): boolean => parseBoolean(name, read(name), fallback),
    integer: <F extends number | undefined>(
      name: string,
      fallback: F,
      range?: { min?: number; max?: number },
    ): number | F => parseInteger(name, read(name), fallback, range),
    choice: <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
      const value = read(name).trim() || fallback;
      if (!(allowed as readonly string[]).includes(value))
        throw new InputValueError(`Input ${name} must be one of ${allowed.join(', ')} (got "${value}")`);
      return value as T;
    },
  };
}
