/** The contract every bad input must meet: a typed error with a code, naming the file, no PHI. */
import { expect } from 'vitest';
import { InputError } from '../../actions/lib/errors.js';
import { errorText, phiIn } from './phi.js';

/** Asserts `error` is an InputError whose code matches `code`, whose message names `file`, with no PHI. */
export function expectCleanFailure(error: unknown, file: string, code: RegExp, label = file): void {
  expect(error, `${label}: ${String(error)}`).toBeInstanceOf(InputError);
  const inputError = error as InputError;
  expect(inputError.code, label).toMatch(code);
  expect(inputError.file, label).toBe(file);
  expect(inputError.message.startsWith(`${file}: `), label).toBe(true);
  expect(phiIn(errorText(error)), label).toEqual([]);
}
