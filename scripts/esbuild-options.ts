/** esbuild settings shared by scripts/build.ts and the benches' fresh CLI bundle (scripts/bench/cli-bundle.ts). */
import path from 'node:path';
import type { BuildOptions, Plugin } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');

/** Every bundle: one ESM file for Node 20. */
export const sharedBuildOptions: BuildOptions = {
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

/** RenderPool's worker thread, bundled beside every bundle that renders (the pool finds it there). */
export const RENDER_WORKER = path.join(root, 'actions/lib/render/render-worker.ts');

/**
 * Packages stay external (resolved from node_modules at run time), except GitHub's workflow parser and
 * expression engine: they import JSON without an import attribute, which Node refuses outside a bundle.
 */
const BUNDLED_PACKAGES = /^@actions\/(?:workflow-parser|expressions)(?:\/|$)/;
const externalPackages: Plugin = {
  name: 'external-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      BUNDLED_PACKAGES.test(args.path) ? undefined : { path: args.path, external: true },
    );
  },
};

/** The CLI (cli.js) and its render worker in `outdir`; packages resolve from node_modules. */
export function cliBuildOptions(outdir: string): BuildOptions {
  return {
    ...sharedBuildOptions,
    entryPoints: { cli: path.join(root, 'scripts/cli/main.ts'), 'render-worker': RENDER_WORKER },
    outdir,
    plugins: [externalPackages],
  };
}
