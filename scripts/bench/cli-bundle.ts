/**
 * The CLI as users run it (`node dist/cli.js`), bundled from the current sources for the benches that
 * time or measure a whole process, so a stale dist/ never skews a figure. Same esbuild settings as
 * scripts/build.ts (scripts/esbuild-options.ts); written under bench-results/cli-<pid>/ (ignored by
 * git) with the render worker beside it so that the external packages (sharp, the codecs) resolve
 * from the repository's node_modules.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { cliBuildOptions } from '../esbuild-options.js';

const REPO = path.resolve(import.meta.dirname, '../..');

/** A freshly built CLI bundle and its render worker; `dispose` removes both. */
export interface CliBundle {
  file: string;
  /** RenderPool's worker thread, beside `file` where the CLI's pool looks for it. */
  workerFile: string;
  /**
   * RenderPool itself, bundled as the CLI bundles it (the render-anchor benches time our engine in
   * process: from TypeScript sources, tsx's loader would add ~0.5 ms to every dynamic import).
   */
  renderPoolFile: string;
  dispose(): Promise<void>;
}

/** Bundles scripts/cli/main.ts and the render worker into bench-results/cli-<pid>/. */
export async function buildCliBundle(): Promise<CliBundle> {
  const dir = path.join(REPO, 'bench-results', `cli-${process.pid}`);
  await build(cliBuildOptions(dir));
  await build({
    ...cliBuildOptions(dir),
    entryPoints: { 'render-pool': path.join(REPO, 'actions/lib/render/render-pool.ts') },
  });
  return {
    file: path.join(dir, 'cli.js'),
    workerFile: path.join(dir, 'render-worker.js'),
    renderPoolFile: path.join(dir, 'render-pool.js'),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
