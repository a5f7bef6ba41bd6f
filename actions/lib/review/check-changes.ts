import { runGit } from '../tools/run-git.js';

/**
 * Paths whose change alters the checks a pull request is judged by: the actions and workflows, the
 * policy and its allowlist, the code owners, the scripts and the dependencies the actions are built
 * from, and the dataset manifests (their layouts and patient_id_pattern decide which source paths
 * validate lets through, and validate reads them from the pull request).
 */
export function isCheckPath(file: string): boolean {
  return (
    file.startsWith('actions/') ||
    file.startsWith('.github/') ||
    file.startsWith('scripts/') ||
    file === 'manifests/policy.json' ||
    file.startsWith('manifests/datasets/') ||
    file === 'package.json' ||
    file === 'package-lock.json' ||
    file === 'CODEOWNERS' ||
    file === 'docs/CODEOWNERS'
  );
}

/**
 * The check paths any commit of base..head touches (added, changed, deleted or renamed, even when a
 * later commit puts them back), sorted. A merge counts what differs from all its parents (`--cc`):
 * merging the base branch in does not make its changes the pull request's.
 */
export async function changedCheckPaths(root: string, base: string, head: string): Promise<string[]> {
  const out = await runGit(root, [
    'log',
    '--format=',
    '--name-only',
    '-z',
    '--no-renames',
    '--cc',
    `${base}..${head}`,
    '--',
  ]);
  const files = new Set(
    out
      .split('\0')
      .map((f) => f.replace(/^\n+/, ''))
      .filter((f) => f && isCheckPath(f)),
  );
  return [...files].sort();
}

const MAX_LISTED = 40;

/** The notice at the top of the review and the summary; empty when no check path changed. */
export function renderCheckChangesNotice(paths: readonly string[]): string {
  if (paths.length === 0) return '';
  const shown = paths.slice(0, MAX_LISTED).map((p) => `> - \`${p}\``);
  if (paths.length > MAX_LISTED) shown.push(`> - and ${paths.length - MAX_LISTED} more`);
  return [
    '> [!WARNING]',
    '> **This pull request changes the checks themselves.** The guard judges it by the base',
    "> branch's policy and, run from the base, with the base's code; review these with the code owners:",
    ...shown,
    '',
  ].join('\n');
}
