/**
 * Builds the CLI bundle (dist/cli.js, not committed) and each action's bundle
 * (actions/<name>/dist/index.js, committed: a runner executes it without `npm ci`).
 * `--check` rebuilds the action bundles in memory and fails when a committed one differs.
 */

import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type BuildOptions, build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const check = process.argv.includes('--check');

/** Native and WebAssembly packages cannot be inlined; actions that need them run after `npm ci`. */
const NATIVE = [
  'sharp',
  'h5wasm',
  '@ffmpeg-installer/ffmpeg',
  '@cornerstonejs/*',
  'jpeg-lossless-decoder-js',
];

const shared: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  legalComments: 'none',
  logLevel: 'warning',
  // Some bundled CommonJS dependencies call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __cmCreateRequire } from 'node:module'; const require = __cmCreateRequire(import.meta.url);",
  },
};

async function buildCli(): Promise<void> {
  await build({
    ...shared,
    entryPoints: [path.join(root, 'scripts/cli/main.ts')],
    outfile: path.join(root, 'dist/cli.js'),
    packages: 'external',
  });
}

async function actionNames(): Promise<string[]> {
  const entries = await readdir(path.join(root, 'actions'), { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && existsSync(path.join(root, 'actions', e.name, 'main.ts')))
    .map((e) => e.name)
    .sort();
}

async function buildAction(name: string): Promise<boolean> {
  const outfile = path.join(root, 'actions', name, 'dist/index.js');
  const result = await build({
    ...shared,
    entryPoints: [path.join(root, 'actions', name, 'main.ts')],
    external: NATIVE,
    write: false,
    outfile,
    minifyWhitespace: false,
  });
  const text = result.outputFiles[0]!.text;
  if (check) {
    const committed = existsSync(outfile) ? await readFile(outfile, 'utf8') : '';
    if (committed !== text) {
      process.stderr.write(`actions/${name}/dist/index.js is stale: run \`npm run build\` and commit it.\n`);
      return false;
    }
    return true;
  }
  await mkdir(path.dirname(outfile), { recursive: true });
  await writeFile(outfile, text);
  return true;
}

const results = await Promise.all([
  check ? Promise.resolve(true) : buildCli().then(() => true),
  ...(await actionNames()).map(buildAction),
]);
if (results.includes(false)) process.exitCode = 1;
