/**
 * Two kinds of failure a person can act on, kept apart from bugs (which stay plain Errors).
 * Messages never carry values read from an input file: a DICOM header may hold a patient's name.
 */

/** A mistake in how the tool was called or set up (bad flag, missing directory). Exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A bad input file: a stable `code` for machines and a message naming the file and the reason. */
export class InputError extends Error {
  override name = 'InputError';
  constructor(
    readonly code: string,
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

/** The message of anything thrown, including the plain strings some parsers throw. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  return 'unknown error';
}
