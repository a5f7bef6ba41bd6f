// Used by the CLI's bin before it loads the bundle (plain JavaScript: nothing is built yet).
import { spawn } from 'node:child_process';
import { constants } from 'node:os';

/** Commands that render thousands of sources in one process. */
const LONG_RUNNING = new Set(['regenerate', 'verify']);
const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * glibc gives threads their own malloc arenas (up to 8 per core), and libvips' threads, the render
 * threads and libuv's pool leave freed memory spread over them: a first regenerate's peak RSS crept
 * up with the number of sources (video, 1,000 → 4,000 sources: 288 → 359 MB; with two arenas the
 * process stays at ~270 MB from the first hundred sources on). glibc reads MALLOC_ARENA_MAX when a
 * process starts, so a long-running command runs itself once more with it set (Linux only; a value
 * the user set is left alone), from the bin, before the bundle is loaded, so the waiting process
 * stays small. Signals are forwarded so Ctrl-C and a runner's cancel reach the run doing the work.
 *
 * @param {string} script the bin to run again
 * @param {readonly string[]} argv the command line after the script
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<number | undefined>} that run's exit code, or undefined: do the work here
 */
export function rerunWithFewArenas(script, argv, env) {
  if (process.platform !== 'linux' || env.MALLOC_ARENA_MAX !== undefined) return Promise.resolve(undefined);
  if (!LONG_RUNNING.has(argv[0] ?? '')) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...process.execArgv, script, ...argv], {
      stdio: 'inherit',
      env: { ...env, MALLOC_ARENA_MAX: '2' },
    });
    const handlers = FORWARDED.map((signal) => [signal, () => child.kill(signal)]);
    for (const [signal, handler] of handlers) process.on(signal, handler);
    /** @param {number | undefined} code */
    const done = (code) => {
      for (const [signal, handler] of handlers) process.off(signal, handler);
      resolve(code);
    };
    // Could not start a second process: do the work here, as before.
    child.on('error', () => done(undefined));
    child.on('exit', (code, signal) => done(code ?? 128 + (signal ? constants.signals[signal] : 1)));
  });
}
