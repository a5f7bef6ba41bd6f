import { InputError, messageOf, UsageError } from '../../actions/lib/errors.js';
import type { Command, CommandIo } from './command.js';
import { commands } from './commands/index.js';
import { DATA_ROOT_ENV } from './data-root.js';
import { didYouMean } from './did-you-mean.js';
import { packageVersion } from './package-version.js';

const VERSION_FLAGS = ['-v', '-V', '--version', 'version'];

/** Listed under every command's help: runCli and parseCommandArgs give every command these. */
export const COMMON_HELP = `
common options (every command):
  -q, --quiet   no progress or notes on stderr; only the report and errors
  --debug       debug lines, and the stack trace of an internal error
  -h, --help    this help
environment: ${DATA_ROOT_ENV} (default --data-root), NO_COLOR (no colour), CLINICAL_MANIFESTS_CACHE_DIR
Exit codes: 0 clean, 1 findings or failed items, 2 usage or setup error.`;

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'usage: clinical-manifests <command> [options]',
    '',
    'commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    `  ${'help'.padEnd(width)}  help COMMAND: that command's options`,
    `  ${'version'.padEnd(width)}  this package's version (also -v, -V, --version)`,
    '',
    'Run `clinical-manifests help <command>` (or `<command> --help`) for a command’s options.',
    COMMON_HELP.trim(),
    '',
  ].join('\n');
}

/** A command's usage followed by the options every command shares. */
export function commandHelp(command: Command): string {
  return `${command.usage.trim()}\n${COMMON_HELP}\n`;
}

/** `unknown command "valdate" (did you mean "validate"?)`, without the whole usage. */
function unknownCommand(io: CommandIo, name: string): number {
  const names = [...commands.map((c) => c.name), 'help', 'version'];
  io.stderr.write(
    `clinical-manifests: unknown command "${name}"${didYouMean(name, names)}\n` +
      'Run `clinical-manifests --help` for the list of commands.\n',
  );
  return 2;
}

/** The common flags, read before the command parses (only before a `--`). */
function commonFlags(argv: readonly string[]): { quiet: boolean; debug: boolean } {
  const end = argv.indexOf('--');
  const flags = end === -1 ? argv : argv.slice(0, end);
  return { quiet: flags.includes('--quiet') || flags.includes('-q'), debug: flags.includes('--debug') };
}

/** Runs one command line; never throws, never calls process.exit. */
export async function runCli(io: CommandIo): Promise<number> {
  const [name, ...rest] = io.argv;
  if (name === undefined || name === '--help' || name === '-h' || (name === 'help' && rest.length === 0)) {
    io.stdout.write(help());
    return name === undefined ? 2 : 0;
  }
  if (VERSION_FLAGS.includes(name)) {
    io.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  if (name === 'help') {
    const target = commands.find((c) => c.name === rest[0]);
    if (!target) return unknownCommand(io, rest[0]!);
    io.stdout.write(commandHelp(target));
    return 0;
  }
  const command: Command | undefined = commands.find((c) => c.name === name);
  if (!command) return unknownCommand(io, name);
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(commandHelp(command));
    return 0;
  }
  const { quiet, debug } = commonFlags(rest);
  try {
    return await command.run({ ...io, argv: rest, quiet, debug });
  } catch (error) {
    if (error instanceof UsageError) {
      // The synopsis only, not every option: the error is what matters.
      const synopsis = command.usage.trim().split(/\n\s*\n/)[0];
      io.stderr.write(
        `clinical-manifests ${name}: ${error.message}\n\n${synopsis}\nRun \`clinical-manifests help ${name}\` for every option.\n`,
      );
      return 2;
    }
    if (error instanceof InputError) {
      io.stderr.write(`clinical-manifests ${name}: ${error.message} [${error.code}]\n`);
      return 1;
    }
    io.stderr.write(`clinical-manifests ${name}: internal error: ${messageOf(error)}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    else io.stderr.write('(run again with --debug for the stack trace)\n');
    return 2;
  }
}
