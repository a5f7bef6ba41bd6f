import { statSync } from 'node:fs';
import path from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from '../../actions/lib/errors.js';
import type { Logger } from '../../actions/lib/logger.js';

/** What a command may touch: its arguments and the process's streams. Tests pass their own. */
export interface CommandIo {
  argv: string[];
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Returns the exit code: 0 clean, 1 findings or failed items, 2 usage or setup error. */
  run(io: CommandIo): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** util.parseArgs with usage errors a person can act on, and the options every command shares. */
export function parseCommandArgs<O extends Options>(argv: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({
      args: argv,
      options: { ...options, debug: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional.*$/s, ''));
  }
}

/** Reads `--format` against the formats a command supports. */
export function formatOption<F extends string>(
  value: string | undefined,
  allowed: readonly F[],
  fallback: F,
): F {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--format must be one of ${allowed.join(', ')} (got "${value}")`);
  }
  return value as F;
}

/** A directory option resolved against the working directory (default `.`); a usage error unless it is one. */
export function directoryOption(io: CommandIo, value: string | undefined, flag = '--repo'): string {
  const dir = path.resolve(io.cwd, value ?? '.');
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory())
    throw new UsageError(`${flag} ${dir} is not a directory`);
  return dir;
}

/** A positive integer option, or undefined when absent. */
export function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--${name} must be a positive integer (got "${value}")`);
  return n;
}

/** Progress to the command's stderr, so stdout holds only the plan and the report. */
export function ioLogger(stderr: NodeJS.WritableStream, debug: boolean): Logger {
  return {
    info: (m) => stderr.write(`${m}\n`),
    warn: (m) => stderr.write(`warning: ${m}\n`),
    debug: (m) => {
      if (debug) stderr.write(`debug: ${m}\n`);
    },
  };
}
