/** This package's own name, version and GitHub repository, from its package.json (bundled in). */
import { readFileSync } from 'node:fs';
import pkg from '../../package.json' with { type: 'json' };

export const PACKAGE_VERSION: string = pkg.version;

/** owner/name of the repository that holds the actions, from package.json's `repository` URL. */
export const ACTIONS_REPOSITORY: string = (() => {
  const url = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository.url;
  const match = /github\.com[/:]([^/]+\/[^/.]+)(?:\.git)?$/.exec(url) ?? /^github:(.+)$/.exec(url);
  if (!match) throw new Error(`package.json repository "${url}" is not a GitHub repository`);
  return match[1]!;
})();

/**
 * The commit this package was packed from (dist/release.json, written at `npm pack` from a clean
 * checkout), or undefined when running from source or packed from a dirty tree.
 */
export function releaseCommit(): string | undefined {
  try {
    const text = readFileSync(new URL('./release.json', import.meta.url), 'utf8');
    const commit = (JSON.parse(text) as { commit?: unknown }).commit;
    return typeof commit === 'string' && /^[0-9a-f]{40}$/.test(commit) ? commit : undefined;
  } catch {
    return undefined;
  }
}
