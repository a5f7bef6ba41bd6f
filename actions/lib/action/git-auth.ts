import { gitEnv } from '../tools/run-git.js';

/** The value of the Authorization header git sends: what actions/checkout configures, and masks. */
export function basicAuthHeader(token: string): string {
  return `basic ${Buffer.from(`x-access-token:${token}`, 'utf8').toString('base64')}`;
}

/**
 * Environment that gives one git process an Authorization header for `serverUrl`, through git's
 * GIT_CONFIG_* variables: the token is never on a command line (visible in `ps`), never written to
 * .git/config, and gone when the process ends, so there is nothing to restore. This is how the
 * actions reach a private repository checked out with `persist-credentials: false`.
 */
export function gitAuthEnv(
  serverUrl: string,
  token: string,
  base: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  return {
    ...gitEnv(base),
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: `http.${serverUrl.replace(/\/+$/, '')}/.extraheader`,
    GIT_CONFIG_VALUE_0: `AUTHORIZATION: ${basicAuthHeader(token)}`,
  };
}
