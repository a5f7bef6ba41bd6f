// Entry of the CLI bundle: the process's own streams, then the exit code (never process.exit).
import { runCli } from './run-cli.js';

const exitCode = await runCli({
  argv: process.argv.slice(2),
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
process.exitCode = exitCode;
