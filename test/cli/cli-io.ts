import { runCliCaptured } from '../helpers/run-cli.js';

/** Runs the CLI in-process, with CLINICAL_DATA_ROOT cleared unless `env` is given. */
export function cli(argv: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; tty?: boolean } = {}) {
  return runCliCaptured(argv, { ...options, env: options.env ?? { ...process.env, CLINICAL_DATA_ROOT: '' } });
}
