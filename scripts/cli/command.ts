import { statSync } from 'node:fs';
import path from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from '../../actions/lib/errors.js';
import type { Logger } from '../../actions/lib/logger.js';
import { didYouMean } from './did-you-mean.js';

/** What a command may touch: its arguments and the process's streams. Tests pass their own. */
export interface CommandIo {
  argv: string[];
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** --quiet: no progress or notes, only the report and errors (set by runCli for every command). */
  quiet?: boolean;
  /** --debug: stack traces and debug lines (set by runCli for every command). */
  debug?: boolean;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Returns the exit code: 0 clean, 1 findings or failed items, 2 usage or setup error. */
  run(io: CommandIo): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** The options every command takes; runCli reads them before the command runs, and help lists them. */
export const COMMON_OPTIONS = {
  debug: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** util.parseArgs with usage errors a person can act on ("did you mean"), and the common options. */
export function parseCommandArgs<O extends Options>(argv: string[], options: O, allowPositionals = false) {
  const all = { ...options, ...COMMON_OPTIONS };
  try {
    return parseArgs({ args: argv, options: all, allowPositionals, strict: true });
  } catch (error) {
    let message = (error as Error).message.replace(/\. To specify a positional.*$/s, '');
    const unknown = /^Unknown option '(--?[^'=]+)'/.exec(message)?.[1];
    if (unknown?.startsWith('--')) {
      const names = Object.keys(all);
      message = `unknown option ${unknown}${didYouMean(unknown.slice(2), names).replace(/"(.+)"/, '"--$1"')}`;
    } else if (unknown) message = `unknown option ${unknown}`;
    throw new UsageError(message);
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

/** Progress to the command's stderr, so stdout holds only the plan and the report; --quiet drops it. */
export function ioLogger(stderr: NodeJS.WritableStream, debug: boolean, quiet = false): Logger {
  return {
    info: (m) => {
      if (!quiet) stderr.write(`${m}\n`);
    },
    warn: (m) => stderr.write(`warning: ${m}\n`),
    debug: (m) => {
      if (debug) stderr.write(`debug: ${m}\n`);
    },
  };
}
