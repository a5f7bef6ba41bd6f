import { gitEnv } from '../tools/run-git.js';
import { runProcess } from '../tools/run-process.js';
import { gitAuthEnv } from './git-auth.js';

/** Where the base commit comes from, and with which token (none: public repository, or credentials persisted). */
export interface FetchAuth {
  serverUrl: string;
  token?: string;
}

async function isCommit(root: string, ref: string): Promise<boolean> {
  const r = await runProcess('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], {
    cwd: root,
    env: gitEnv(),
  });
  return r.code === 0;
}

/**
 * Makes `ref` available in a shallow clone: when it is missing, fetches that one commit from
 * `origin`. A private repository checked out with `persist-credentials: false` answers 401 to an
 * anonymous fetch, so the action's token goes along as an Authorization header for this one git
 * process (never on its command line, never in .git/config). Returns git's reason when it still
 * is not there, with the token cut out.
 */
export async function fetchRevision(
  root: string,
  ref: string,
  auth: FetchAuth,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  if (ref.startsWith('-')) return { ok: false, reason: `"${ref}" is not a git revision` };
  if (await isCommit(root, ref)) return { ok: true };
  const env = auth.token ? gitAuthEnv(auth.serverUrl, auth.token) : gitEnv();
  const r = await runProcess('git', ['fetch', '--no-tags', '--depth=1', 'origin', ref], { cwd: root, env });
  if (await isCommit(root, ref)) return { ok: true };
  const stderr = auth.token ? r.stderr.split(auth.token).join('***') : r.stderr;
  return { ok: false, reason: stderr.trim().split('\n').slice(-2).join(' ') || `git fetch exited ${r.code}` };
}
