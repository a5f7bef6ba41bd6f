/**
 * Run at `npm pack` (prepack), after the build: records in dist/release.json the commit the package
 * is made from, so `init` can pin the regenerate workflow (a self-hosted job) to a full commit SHA,
 * which the guard's workflow policy requires. A dirty work tree records no commit: its SHA would name
 * code other than what is packed.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const git = (...args: string[]) =>
  execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
let commit: string | undefined;
try {
  commit = git('status', '--porcelain', '--untracked-files=no') === '' ? git('rev-parse', 'HEAD') : undefined;
} catch {
  commit = undefined; // not a git checkout (a tarball being repacked)
}
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
mkdirSync(path.join(root, 'dist'), { recursive: true });
writeFileSync(path.join(root, 'dist/release.json'), `${JSON.stringify({ version, commit }, null, 2)}\n`);
process.stdout.write(
  `dist/release.json: ${version}${commit ? ` at ${commit}` : ' (work tree dirty: no commit)'}\n`,
);
