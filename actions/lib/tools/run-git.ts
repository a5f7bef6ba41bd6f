import { UsageError } from '../errors.js';
import { runProcess } from './run-process.js';

/** The environment git runs in: never prompting for credentials, messages in plain English. */
export function gitEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...base, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };
}

/** Runs git with an argument array in `cwd`; throws with git's own message when it fails. */
export async function runGit(cwd: string, args: readonly string[], input?: string): Promise<string> {
  const result = await runProcess('git', args, {
    cwd,
    input,
    env: gitEnv(),
  });
  if (result.code !== 0) {
    throw new UsageError(
      `git ${args[0]} failed in ${cwd}: ${result.stderr.trim().split('\n').slice(-3).join(' ')}`,
    );
  }
  return result.stdout.toString('utf8');
}

/** Paths git tracks under `cwd` (relative, forward slashes), NUL-separated so no name is mangled. */
export async function trackedFiles(cwd: string): Promise<string[]> {
  const out = await runGit(cwd, ['ls-files', '-z']);
  return out.split('\0').filter(Boolean);
}

/** True when git would ignore `relativePath` (a file or directory) in the work tree at `cwd`. */
export async function isIgnored(cwd: string, relativePath: string): Promise<boolean> {
  const result = await runProcess('git', ['check-ignore', '-q', '--no-index', '--', relativePath], { cwd });
  if (result.code === 0) return true;
  if (result.code === 1) return false;
  throw new UsageError(`git check-ignore failed in ${cwd}: ${result.stderr.trim()}`);
}
