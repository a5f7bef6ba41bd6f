/**
 * Builds the CLI bundle (dist/cli.js, not committed) and each action's bundle
 * (actions/<name>/dist/index.js, committed: a runner executes it without `npm ci`).
 * `--check` rebuilds the action bundles in memory and fails when a committed one differs.
 */

import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { cliBuildOptions, RENDER_WORKER, sharedBuildOptions } from './esbuild-options.js';

const root = path.resolve(import.meta.dirname, '..');
const check = process.argv.includes('--check');

/** Native and WebAssembly packages cannot be inlined; actions that need them run after `npm ci`. */
const NATIVE = [
  'sharp',
  'h5wasm',
  '@ffmpeg-installer/ffmpeg',
  '@cornerstonejs/*',
  'jpeg-lossless-decoder-js',
  'tesseract-wasm',
  '@tesseract.js-data/*',
];

async function buildCli(): Promise<void> {
  await build(cliBuildOptions(path.join(root, 'dist')));
}

async function actionNames(): Promise<string[]> {
  const entries = await readdir(path.join(root, 'actions'), { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && existsSync(path.join(root, 'actions', e.name, 'index.ts')))
    .map((e) => e.name)
    .sort();
}

async function buildAction(name: string): Promise<boolean> {
  const dist = path.join(root, 'actions', name, 'dist');
  const bundle = async (entry: string, outfile: string) => {
    const result = await build({
      ...sharedBuildOptions,
      entryPoints: [entry],
      external: NATIVE,
      write: false,
      outfile,
      metafile: true,
    });
    return { text: result.outputFiles[0]!.text, inputs: Object.keys(result.metafile.inputs) };
  };
  // index.ts calls main.ts's exported run(); main.ts alone has no side effect (@github/local-action imports it).
  const main = await bundle(path.join(root, 'actions', name, 'index.ts'), path.join(dist, 'index.js'));
  const files = [{ name: 'index.js', text: main.text }];
  if (main.inputs.includes('actions/lib/render/render-pool.ts')) {
    files.push({
      name: 'render-worker.js',
      text: (await bundle(RENDER_WORKER, path.join(dist, 'render-worker.js'))).text,
    });
  }
  if (check) {
    let fresh = true;
    for (const file of files) {
      const target = path.join(dist, file.name);
      const committed = existsSync(target) ? await readFile(target, 'utf8') : '';
      if (committed !== file.text) {
        process.stderr.write(
          `actions/${name}/dist/${file.name} is stale: run \`npm run build\` and commit it.\n`,
        );
        fresh = false;
      }
    }
    return fresh;
  }
  await mkdir(dist, { recursive: true });
  for (const file of files) await writeFile(path.join(dist, file.name), file.text);
  return true;
}

const results = await Promise.all([
  check ? Promise.resolve(true) : buildCli().then(() => true),
  ...(await actionNames()).map(buildAction),
]);
if (results.includes(false)) process.exitCode = 1;
