import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { messageOf } from '../errors.js';
import type { DatasetManifest } from '../schema/dataset-manifest.js';
import { readFirstLine, splitCsvLine } from './csv-first-line.js';
import { datasetDirectory } from './dataset-directory.js';
import { countGlob } from './glob-count.js';
import { hdf5Keys } from './hdf5-keys.js';

type LayoutEntry = DatasetManifest['layout']['entries'][number];

/** One difference between an extracted download and the manifest's layout. */
export interface LayoutProblem {
  /** The layout entry's path, relative to the dataset folder. */
  path: string;
  kind: 'missing' | 'not-a-file' | 'not-a-directory' | 'too-few' | 'csv-header' | 'hdf5-keys' | 'unreadable';
  message: string;
}

/** What `datasets check` found. */
export interface LayoutCheck {
  dataset: string;
  /** The folder that was checked. */
  dir: string;
  /** Entries checked, with the number of matches for globs. */
  entries: { path: string; kind: LayoutEntry['kind']; ok: boolean; count?: number }[];
  problems: LayoutProblem[];
}

async function kindAt(file: string): Promise<'file' | 'dir' | undefined> {
  try {
    const s = await stat(file);
    return s.isDirectory() ? 'dir' : s.isFile() ? 'file' : undefined;
  } catch {
    return undefined;
  }
}

async function checkFileContent(file: string, entry: LayoutEntry): Promise<LayoutProblem[]> {
  const problems: LayoutProblem[] = [];
  if (entry.csv_header) {
    const header = splitCsvLine(await readFirstLine(file));
    if (header.join('\u0000') !== entry.csv_header.join('\u0000')) {
      const missing = entry.csv_header.filter((h) => !header.includes(h));
      const extra = header.filter((h) => !entry.csv_header!.includes(h));
      const detail = [
        missing.length ? `missing columns: ${missing.join(', ')}` : '',
        extra.length ? `unexpected columns: ${extra.join(', ')}` : '',
        !missing.length && !extra.length ? 'same columns in a different order' : '',
      ].filter(Boolean);
      problems.push({
        path: entry.path,
        kind: 'csv-header',
        message: `CSV header differs: ${detail.join('; ')}`,
      });
    }
  } else if (entry.csv_has_header === false) {
    const first = await readFirstLine(file);
    if (first.trim() === '')
      problems.push({ path: entry.path, kind: 'unreadable', message: 'CSV file is empty' });
  }
  if (entry.hdf5_keys) {
    const keys = await hdf5Keys(file);
    const missing = entry.hdf5_keys.filter((k) => !keys.includes(k));
    if (missing.length)
      problems.push({
        path: entry.path,
        kind: 'hdf5-keys',
        message: `HDF5 keys missing: ${missing.join(', ')}`,
      });
  }
  return problems;
}

/**
 * Where the dataset's files are: DATA_ROOT/<id>/, or DATA_ROOT itself when it already is the
 * dataset's folder (its first layout entry is there and no <id> subfolder exists).
 */
export function resolveDatasetDir(manifest: DatasetManifest, dataRoot: string): string {
  const own = datasetDirectory(dataRoot, manifest.id);
  if (existsSync(own)) return own;
  const first = manifest.layout.entries.find((e) => e.kind !== 'glob');
  if (first && existsSync(path.join(dataRoot, first.path))) return dataRoot;
  return own;
}

/**
 * Compares an extracted download with the manifest's layout: required files and folders, glob counts,
 * CSV headers, HDF5 keys. Every difference names the entry's path.
 */
export async function checkDatasetLayout(manifest: DatasetManifest, dataRoot: string): Promise<LayoutCheck> {
  const dir = resolveDatasetDir(manifest, dataRoot);
  const result: LayoutCheck = { dataset: manifest.id, dir, entries: [], problems: [] };
  for (const entry of manifest.layout.entries) {
    const before = result.problems.length;
    const target = path.join(dir, ...entry.path.split('/'));
    let count: number | undefined;
    if (entry.kind === 'glob') {
      count = await countGlob(dir, entry.path);
      const min = entry.min_count ?? 1;
      if (count < min) {
        result.problems.push({
          path: entry.path,
          kind: count === 0 ? 'missing' : 'too-few',
          message: `${count} match${count === 1 ? '' : 'es'}, expected at least ${min} (${entry.description})`,
        });
      }
    } else {
      const found = await kindAt(target);
      if (found === undefined) {
        result.problems.push({
          path: entry.path,
          kind: 'missing',
          message: `missing ${entry.kind === 'dir' ? 'folder' : 'file'} (${entry.description})`,
        });
      } else if (found !== entry.kind) {
        result.problems.push({
          path: entry.path,
          kind: entry.kind === 'dir' ? 'not-a-directory' : 'not-a-file',
          message: `expected a ${entry.kind === 'dir' ? 'folder' : 'file'}, found a ${found === 'dir' ? 'folder' : 'file'}`,
        });
      } else if (entry.kind === 'file') {
        try {
          result.problems.push(...(await checkFileContent(target, entry)));
        } catch (error) {
          result.problems.push({
            path: entry.path,
            kind: 'unreadable',
            message: `cannot read: ${messageOf(error)}`,
          });
        }
      }
    }
    result.entries.push({
      path: entry.path,
      kind: entry.kind,
      ok: result.problems.length === before,
      ...(count !== undefined ? { count } : {}),
    });
  }
  return result;
}
