import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import packageJson from '../../../package.json' with { type: 'json' };
import { writeFileAtomic } from '../fs/write-file-atomic.js';
import { datasetOfLockFile } from '../locks/lock-layout.js';
import { listFiles } from '../repository/list-files.js';
import { LAYOUT } from '../repository/repository-layout.js';
import { statFile } from './hash-cache.js';
import { statFilesInWorker } from './stat-in-worker.js';
import { resolveInside, sourceFileOf } from './work-items.js';

/**
 * What a run that found nothing to do in one dataset proved, so the next one can prove it again with stat calls
 * alone: the stat keys of every content file (scenarios, selections, locks) and of every folder a
 * selection's glob walked, and for each output the stat keys of its source and of the output itself.
 * If every one of them is unchanged, nothing the plan reads can have changed: the next run skips
 * parsing locks and walking the data root. Any difference falls back to the full plan.
 */
// Bump with any change to what the plan compares (the recipe hash, the reasons), so an upgraded tool
// never trusts a verdict an older one reached; the tool's version is part of the header as well.
const HEADER = `clinical-manifests no-op snapshot 2 ${packageJson.version}\n`;

/** One output proven up to date. */
export interface SnapshotRow {
  dataset: string;
  source: string;
  output: string;
  sourceKey: string;
  outputKey: string;
}

/** The snapshot file of one dataset for one combination of repository, data root, outputs and share. */
export function snapshotFile(cacheDir: string, scope: Record<string, unknown>): string {
  const name = createHash('sha256').update(JSON.stringify(scope)).digest('hex').slice(0, 24);
  return path.join(cacheDir, 'noop', `${name}.tsv`);
}

function dirKey(dir: string): string {
  const st = statSync(dir, { throwIfNoEntry: false });
  return st?.isDirectory() ? `${st.dev}:${st.ino}:${st.mtimeMs}:${st.ctimeMs}` : 'missing';
}

/**
 * The content files snapshots cover, relative to the repository: scenarios, selections and dataset
 * manifests (whose layouts decide which sources may be items), and lock files.
 */
export interface ContentFiles {
  requests: string[];
  locks: string[];
}

/** Lists the content files once for a run: every dataset's snapshot is read and written against it. */
export async function listContentFiles(repoRoot: string): Promise<ContentFiles> {
  const [scenarios, selections, manifests, locks] = await Promise.all([
    listFiles(repoRoot, LAYOUT.scenariosDir, '.json'),
    listFiles(repoRoot, LAYOUT.selectionsDir, '.json'),
    listFiles(repoRoot, LAYOUT.datasetsDir, '.json'),
    listFiles(repoRoot, LAYOUT.locksDir, '.json', true),
  ]);
  return { requests: [...scenarios, ...selections, ...manifests], locks };
}

/**
 * Stat keys of what one dataset's plan reads besides sources and outputs, one per line, in a stable
 * order: every scenario and selection (any may add to the dataset), the dataset's lock files, the
 * folders its globs walked, and the files its recipes read.
 */
function inputsOf(
  repoRoot: string,
  content: ContentFiles,
  dataset: string,
  walkedDirs: readonly string[],
  inputFiles: readonly string[],
): string {
  const prefix = `${LAYOUT.locksDir}/`;
  const ownLocks = content.locks.filter((f) => datasetOfLockFile(f.slice(prefix.length)) === dataset);
  const lines = [...content.requests, ...ownLocks].map(
    (f) => `${f}\t${statFile(resolveInside(repoRoot, f))?.key ?? 'missing'}`,
  );
  for (const dir of walkedDirs) lines.push(`${dir}\t${dirKey(dir)}`);
  for (const file of inputFiles) lines.push(`${file}\t${statFile(file)?.key ?? 'missing'}`);
  return lines.join('\n');
}

/** Records a no-op run. `walkedDirs` are the folders the selections' globs read. */
export async function writeSnapshot(
  file: string,
  repoRoot: string,
  content: () => Promise<ContentFiles>,
  dataset: string,
  walkedDirs: readonly string[],
  rows: readonly SnapshotRow[],
  inputFiles: readonly string[] = [],
): Promise<void> {
  const header = JSON.stringify({
    inputs: inputsOf(repoRoot, await content(), dataset, walkedDirs, inputFiles),
    dirs: walkedDirs,
    files: inputFiles,
  });
  const body = rows
    .map((r) => `${r.dataset}\t${r.source}\t${r.output}\t${r.sourceKey}\t${r.outputKey}\n`)
    .join('');
  await writeFileAtomic(file, `${HEADER}${header}\n${body}`, { fsync: false });
}

/** Forgets a snapshot (any run that is not a no-op). */
export async function dropSnapshot(file: string): Promise<void> {
  await rm(file, { force: true });
}

/**
 * The rows of a snapshot that still holds, or undefined: every content file, walked folder, source
 * and output must have the stat key recorded. Costs a listing of the content folders and one stat
 * per file (outputs on a second core).
 */
export async function provenNoop(
  file: string,
  repoRoot: string,
  content: () => Promise<ContentFiles>,
  dataset: string,
  dataRoot: string,
  outDir: string,
): Promise<SnapshotRow[] | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  if (!text.startsWith(HEADER)) return undefined;
  const headerEnd = text.indexOf('\n', HEADER.length);
  if (headerEnd < 0) return undefined;
  let header: { inputs: string; dirs: string[]; files: string[] };
  try {
    header = JSON.parse(text.slice(HEADER.length, headerEnd)) as typeof header;
  } catch {
    return undefined;
  }
  if (inputsOf(repoRoot, await content(), dataset, header.dirs, header.files ?? []) !== header.inputs)
    return undefined;
  const rows: SnapshotRow[] = [];
  for (const line of text.slice(headerEnd + 1).split('\n')) {
    if (line === '') continue;
    const [dataset, source, output, sourceKey, outputKey] = line.split('\t');
    if (outputKey === undefined) return undefined;
    rows.push({ dataset: dataset!, source: source!, output: output!, sourceKey: sourceKey!, outputKey });
  }
  const outputs = statFilesInWorker(rows.map((r) => resolveInside(outDir, r.output)));
  for (const r of rows) {
    if (statFile(sourceFileOf(dataRoot, r))?.key !== r.sourceKey) {
      outputs.catch(() => {});
      return undefined;
    }
  }
  const outs = await outputs;
  return rows.every((r, i) => outs[i]?.key === r.outputKey) ? rows : undefined;
}
