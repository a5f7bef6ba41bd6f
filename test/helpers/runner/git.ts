import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';

/** git in `cwd` for the harness itself (set-up and inspection), with a fixed identity and no global config. */
export function git(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: harnessEnv(cwd, env),
  }).trim();
}

/**
 * git without blocking the event loop: needed whenever git talks to a double served by this same
 * process (a synchronous call would deadlock against the server).
 */
export async function gitAsync(
  cwd: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<string> {
  const { stdout } = await promisify(execFile)('git', args, {
    cwd,
    encoding: 'utf8',
    env: harnessEnv(cwd, env),
  });
  return stdout.trim();
}

function harnessEnv(cwd: string, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: cwd,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    GIT_AUTHOR_NAME: 'Octo Cat',
    GIT_AUTHOR_EMAIL: 'octocat@example.invalid',
    GIT_COMMITTER_NAME: 'Octo Cat',
    GIT_COMMITTER_EMAIL: 'octocat@example.invalid',
    LC_ALL: 'C',
    ...env,
  };
}
