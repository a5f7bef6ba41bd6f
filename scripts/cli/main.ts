// Entry of the CLI bundle: the process's own streams, then the exit code (never process.exit).
import { runCli } from './run-cli.js';

// A reader that went away (`… | head -1`) is not an error: stop quietly, as cat and git do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const exitCode = await runCli({
  argv: process.argv.slice(2),
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
process.exitCode = exitCode;
