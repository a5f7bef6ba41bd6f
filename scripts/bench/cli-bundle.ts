/**
 * The CLI as users run it (`node dist/cli.js`), bundled from the current sources for the benches that
 * time or measure a whole process, so a stale dist/ never skews a figure. Same esbuild settings as
 * scripts/build.ts; written under bench-results/ (ignored by git) so that the external packages
 * (sharp, the codecs) resolve from the repository's node_modules.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';

const REPO = path.resolve(import.meta.dirname, '../..');

/** A freshly built CLI bundle; `dispose` removes it. */
export interface CliBundle {
  file: string;
  dispose(): Promise<void>;
}

/** Bundles scripts/cli/main.ts into bench-results/cli-<pid>.js. */
export async function buildCliBundle(): Promise<CliBundle> {
  const file = path.join(REPO, 'bench-results', `cli-${process.pid}.js`);
  await build({
    entryPoints: [path.join(REPO, 'scripts/cli/main.ts')],
    outfile: file,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    legalComments: 'none',
    logLevel: 'warning',
    banner: {
      js: "import { createRequire as __cmCreateRequire } from 'node:module'; const require = __cmCreateRequire(import.meta.url);",
    },
  });
  return { file, dispose: () => rm(file, { force: true }) };
}
