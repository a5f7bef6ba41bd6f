import { InputError, messageOf, UsageError } from '../../actions/lib/errors.js';
import type { Command, CommandIo } from './command.js';
import { commands } from './commands/index.js';
import { PACKAGE_VERSION } from './package-info.js';

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'usage: clinical-manifests <command> [options]',
    '',
    'commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `clinical-manifests <command> --help` for a command’s options.',
    'Exit codes: 0 clean, 1 findings or failed items, 2 usage or setup error.',
    '',
  ].join('\n');
}

/** Runs one command line; never throws, never calls process.exit. */
export async function runCli(io: CommandIo): Promise<number> {
  const [name, ...rest] = io.argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(help());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version') {
    io.stdout.write(`${PACKAGE_VERSION}\n`);
    return 0;
  }
  const command: Command | undefined = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`clinical-manifests: unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${command.usage.trim()}\n`);
    return 0;
  }
  const debug = rest.includes('--debug');
  try {
    return await command.run({ ...io, argv: rest });
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`clinical-manifests ${name}: ${error.message}\n\n${command.usage.trim()}\n`);
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
