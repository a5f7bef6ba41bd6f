import { readdir, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../errors.js';
import { readBoundedFile } from '../fs/read-bounded-file.js';
import { removeStaleTempFiles, syncDirectory, writeFileAtomic } from '../fs/write-file-atomic.js';
import { JSON_SIZE_LIMITS, jsonTooLarge } from '../json/json-limits.js';
import { expectedSchemaRef } from '../repository/load-json-file.js';
import { LAYOUT } from '../repository/repository-layout.js';
import type { Lock, LockEntry } from '../schema/lock.js';
import { compareCodeUnits } from './canonical-json.js';
import { entryKey, parseLock, serializeLock } from './lock-format.js';
import { assertDatasetId, datasetOfLockFile, LOCK_SPLIT_THRESHOLD, layoutEntries } from './lock-layout.js';

/** One lock file as read: its exact text (kept so unchanged files are never rewritten) and its value. */
export interface LockFile {
  /** Relative to the locks directory, forward slashes. */
  file: string;
  text: string;
  lock: Lock;
}

/** Every lock file of one dataset and their entries by output path. */
export interface DatasetLocks {
  dataset: string;
  files: LockFile[];
  entries: Map<string, LockEntry>;
}

/** Lock files under `locksDir` that follow our layout, grouped by dataset. */
export async function listLockFiles(locksDir: string): Promise<Map<string, string[]>> {
  let names: string[];
  try {
    names = (await readdir(locksDir, { recursive: true })) as string[];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw error;
  }
  const byDataset = new Map<string, string[]>();
  for (const name of names.map((n) => n.split(path.sep).join('/')).sort(compareCodeUnits)) {
    const dataset = datasetOfLockFile(name);
    if (dataset === undefined) continue;
    byDataset.set(dataset, [...(byDataset.get(dataset) ?? []), name]);
  }
  return byDataset;
}

/** Reads and checks every lock file of `dataset`; an output locked twice is an InputError. */
export async function readDatasetLocks(
  locksDir: string,
  dataset: string,
  files?: string[],
): Promise<DatasetLocks> {
  assertDatasetId(dataset);
  const names = files ?? (await listLockFiles(locksDir)).get(dataset) ?? [];
  const loaded = await Promise.all(
    names.map(async (file): Promise<LockFile> => {
      const read = await readBoundedFile(path.join(locksDir, file), JSON_SIZE_LIMITS.lock);
      const tooLarge = jsonTooLarge('lock', read.size, 'bytes' in read ? read.bytes : undefined);
      if (tooLarge || !('bytes' in read)) throw new InputError('lock-size', file, tooLarge ?? 'too large');
      const text = read.bytes.toString('utf8');
      const lock = parseLock(text, file);
      if (lock.dataset !== dataset) {
        throw new InputError('lock-dataset', file, `holds dataset "${lock.dataset}", expected "${dataset}"`);
      }
      return { file, text, lock };
    }),
  );
  const entries = new Map<string, LockEntry>();
  for (const { file, lock } of loaded) {
    for (const entry of lock.entries) {
      if (entries.has(entry.output))
        throw new InputError('lock-duplicate', file, `output "${entry.output}" is locked twice`);
      entries.set(entry.output, entry);
    }
  }
  return { dataset, files: loaded, entries };
}

/** Reads the locks of every dataset found under `locksDir`. */
export async function readAllLocks(locksDir: string): Promise<Map<string, DatasetLocks>> {
  const listed = await listLockFiles(locksDir);
  const all = await Promise.all(
    [...listed].map(([dataset, files]) => readDatasetLocks(locksDir, dataset, files)),
  );
  return new Map(all.map((d) => [d.dataset, d]));
}

/** What a write changed, relative to the locks directory. */
export interface LockWriteResult {
  written: string[];
  removed: string[];
}

/**
 * Writes a dataset's new entries, touching only files whose entries changed: an unchanged file keeps
 * its exact bytes (and the tool versions that made it); a changed file gets `tools`. Files the new
 * layout no longer uses are removed. Each file is replaced atomically, so a crash leaves every file
 * old or new, never torn.
 */
export async function writeDatasetLocks(
  locksDir: string,
  dataset: string,
  /** What was read before; undefined for a dataset with no locks yet. */
  previous: DatasetLocks | undefined,
  entries: readonly LockEntry[],
  tools: () => Promise<Record<string, string>> | Record<string, string>,
  options: { splitThreshold?: number | undefined } = {},
): Promise<LockWriteResult> {
  assertDatasetId(dataset);
  await removeStaleTempFiles(locksDir);
  const layout = layoutEntries(dataset, entries, options.splitThreshold ?? LOCK_SPLIT_THRESHOLD);
  const previousFiles = previous?.files ?? [];
  const old = new Map(previousFiles.map((f) => [f.file, f]));
  const written: string[] = [];
  let resolvedTools: Record<string, string> | undefined;
  for (const [file, group] of [...layout].sort(([a], [b]) => compareCodeUnits(a, b))) {
    const before = old.get(file);
    if (before && sameEntries(before.lock.entries, group.entries) && before.lock.shard === group.shard)
      continue;
    resolvedTools ??= await tools();
    const $schema = expectedSchemaRef(`${LAYOUT.locksDir}/${file}`, 'lock');
    const lock: Lock = { $schema, format: 1, dataset, tools: resolvedTools, entries: group.entries };
    if (group.shard !== undefined) lock.shard = group.shard;
    const text = serializeLock(lock);
    if (before?.text === text) continue;
    await writeFileAtomic(path.join(locksDir, file), text);
    written.push(file);
  }
  const removed = previousFiles.map((f) => f.file).filter((f) => !layout.has(f));
  for (const file of removed) await rm(path.join(locksDir, file), { force: true });
  if (removed.length > 0) {
    await syncDirectory(locksDir);
    // The split directory goes when it empties; rmdir refuses (harmlessly) while it still holds files.
    await rmdir(path.join(locksDir, dataset)).catch(() => {});
  }
  return { written, removed };
}

/** Same set of entries? Identity first (a no-op run hands back the very objects it read), text after. */
function sameEntries(a: readonly LockEntry[], b: readonly LockEntry[]): boolean {
  if (a.length !== b.length) return false;
  const objects = new Set(a);
  let keys: Set<string> | undefined;
  for (const e of b) {
    if (objects.has(e)) continue;
    keys ??= new Set(a.map(entryKey));
    if (!keys.has(entryKey(e))) return false;
  }
  return true;
}
