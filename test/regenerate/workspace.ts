// Real temporary workspaces for regenerate tests: a git repository with a bare origin, a data root
// written by the test, a cache directory and an outputs directory, all outside the project.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../actions/lib/logger.js';
import { type RegenerateOptions, regenerate } from '../../actions/lib/regenerate/regenerate.js';
import type { Renderer } from '../../actions/lib/regenerate/renderer.js';
import { encodePng, pixelsSha256 } from '../../actions/lib/render/encode-png.js';

export interface Workspace {
  root: string;
  repo: string;
  origin: string;
  data: string;
  cache: string;
  out: string;
  /** The dataset of the selection; its sources live in `<data>/<dataset>/`. */
  dataset: string;
  cleanup(): void;
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
}

/** A repository with one bulk selection over `dataset` (`images/**\/*.bin`, kind image) and a bare origin. */
export function makeWorkspace(options: { dataset?: string; files?: number } = {}): Workspace {
  const dataset = options.dataset ?? 'toyset';
  const root = mkdtempSync(path.join(os.tmpdir(), 'cm-regen-'));
  const ws: Workspace = {
    root,
    repo: path.join(root, 'repo'),
    origin: path.join(root, 'origin.git'),
    data: path.join(root, 'data'),
    cache: path.join(root, 'cache'),
    out: path.join(root, 'outputs'),
    dataset,
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
  git(root, 'init', '-q', '--bare', '-b', 'main', ws.origin);
  mkdirSync(path.join(ws.repo, 'manifests/selections'), { recursive: true });
  mkdirSync(path.join(ws.repo, 'manifests/locks'), { recursive: true });
  git(ws.repo, 'init', '-q', '-b', 'main');
  git(ws.repo, 'config', 'user.name', 'Test');
  git(ws.repo, 'config', 'user.email', 'test@example.invalid');
  git(ws.repo, 'remote', 'add', 'origin', ws.origin);
  writeFileSync(path.join(ws.repo, '.gitignore'), '/outputs/\n');
  writeSelection(ws, dataset);
  git(ws.repo, 'add', '.gitignore', 'manifests/selections');
  git(ws.repo, 'commit', '-q', '-m', 'init');
  git(ws.repo, 'push', '-q', 'origin', 'main');
  for (let i = 0; i < (options.files ?? 6); i++)
    writeSource(ws, `images/p${String(i).padStart(4, '0')}.bin`, `source ${i}`);
  return ws;
}

export function writeSelection(ws: Workspace, dataset: string, id = `${dataset}-all`): void {
  const selection = {
    id,
    dataset,
    include: ['images/**/*.bin'],
    recipe: { kind: 'image' },
    output_dir: `bulk/${dataset}`,
  };
  writeFileSync(
    path.join(ws.repo, 'manifests/selections', `${id}.json`),
    `${JSON.stringify(selection, null, 2)}\n`,
  );
}

/** A regenerate run over the workspace with a fresh counting renderer, quietly; `extra` overrides any option. */
export function regenerateIn(ws: Workspace, extra: Partial<RegenerateOptions> = {}) {
  return regenerate({
    repoRoot: ws.repo,
    dataRoot: ws.data,
    outDir: ws.out,
    cacheDir: ws.cache,
    renderer: countingRenderer(),
    logger: silentLogger,
    ...extra,
  });
}

/** A source file's path: `<data root>/<dataset id>/<relative>`. */
export function sourcePath(ws: Workspace, relative: string): string {
  return path.join(ws.data, ws.dataset, relative);
}

export function writeSource(ws: Workspace, relative: string, content: string | Buffer): void {
  const file = sourcePath(ws, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

/** Every lock file's bytes, by path relative to the locks directory (none when it does not exist). */
export function lockBytes(ws: Pick<Workspace, 'repo'>): Map<string, string> {
  const dir = path.join(ws.repo, 'manifests/locks');
  if (!existsSync(dir)) return new Map();
  const names = (readdirSync(dir, { recursive: true }) as string[]).filter((n) => n.endsWith('.json')).sort();
  return new Map(names.map((n) => [n, readFileSync(path.join(dir, n), 'utf8')]));
}

/**
 * A renderer that needs no codec: a 4×2 grey image made from the source's bytes, encoded by the real
 * encodePng. Counts its calls, so a test can assert that nothing was decoded.
 */
export function countingRenderer(
  options: { failOn?: (file: string) => boolean; delayMs?: number } = {},
): Renderer & {
  calls: number;
  toolCalls: number;
} {
  const renderer = {
    calls: 0,
    toolCalls: 0,
    async render(file: string) {
      renderer.calls++;
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      if (options.failOn?.(file)) throw new Error('cannot decode this test source');
      const bytes = readFileSync(file);
      const data = new Uint8Array(8);
      for (let i = 0; i < bytes.length; i++) data[i % 8] = (data[i % 8]! + bytes[i]!) & 0xff;
      const image = { width: 4, height: 2, channels: 1 as const, data, resolved: { frame: 0 } };
      return {
        png: await encodePng(image),
        pixelsSha256: pixelsSha256(image),
        width: 4,
        height: 2,
        channels: 1 as const,
        resolved: image.resolved,
      };
    },
    async tools() {
      renderer.toolCalls++;
      return { renderer: 'counting-test-double' };
    },
  };
  return renderer;
}
