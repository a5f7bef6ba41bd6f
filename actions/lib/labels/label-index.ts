import path from 'node:path';
import { datasetDirectory } from '../datasets/dataset-directory.js';
import { InputError } from '../errors.js';
import type { DatasetManifest, LabelField, LabelFile } from '../schema/dataset-manifest.js';
import { columnOrder } from './label-hashes.js';
import type { LabelTable } from './label-table.js';
import { readLabelTable } from './read-label-table.js';

/** A label table indexed by its key column: key → row, or AMBIGUOUS when several rows carry it. */
export interface IndexedLabels {
  spec: LabelFile;
  table: LabelTable;
  rowOf: Map<string, number>;
  /** Column index by name. */
  column: Map<string, number>;
  /** The files, as one name for messages (`a.csv, b.csv`). */
  shown: string;
  /** Column indexes in the key order of a row's canonical JSON (for its hash). */
  order: number[];
}

export const AMBIGUOUS = -1;

/** Indexes a table by its key column in one pass; a key carried by several rows maps to AMBIGUOUS. */
export function indexLabelTable(spec: LabelFile, table: LabelTable): IndexedLabels {
  const column = new Map(table.columns.map((c, i) => [c, i] as const));
  const shown = table.files.join(', ');
  const k = column.get(spec.key_column);
  if (k === undefined)
    throw new InputError('label-file', shown, `has no key column "${spec.key_column}" (see label_files)`);
  const rowOf = new Map<string, number>();
  for (let i = 0; i < table.size; i++) {
    const raw = table.cell(i, k);
    // Trim only what needs it: most keys have no surrounding space.
    const key =
      raw !== '' && (raw.charCodeAt(0) <= 32 || raw.charCodeAt(raw.length - 1) <= 32) ? raw.trim() : raw;
    rowOf.set(key, rowOf.has(key) ? AMBIGUOUS : i);
  }
  return { spec, table, rowOf, column, shown, order: columnOrder(table.columns) };
}

/** The label file that holds a field: held in a label file, and its `source` among the file's names. */
export function labelFileOf(manifest: DatasetManifest, field: LabelField): LabelFile | undefined {
  if ((field.held_in ?? 'label-file') !== 'label-file') return undefined;
  return manifest.label_files?.find((f) => f.files.includes(field.source));
}

/** A field of a manifest by name. */
export function labelField(manifest: DatasetManifest, name: string): LabelField | undefined {
  return manifest.label_fields.find((f) => f.name === name);
}

/** The column a field lives in (its name). */
export function columnOf(indexed: IndexedLabels, field: string): number | undefined {
  return indexed.column.get(field);
}

/**
 * Reads and indexes each label file at most once per run (a 224,316-row CheXpert CSV is read once
 * however many scenarios and selections use it).
 */
export class LabelTables {
  readonly #cache = new Map<string, Promise<IndexedLabels>>();
  /** Absolute paths of the files read, by dataset: regenerate's no-op snapshot watches them. */
  readonly read = new Map<string, Set<string>>();

  constructor(readonly dataRoot: string) {}

  get(dataset: string, spec: LabelFile): Promise<IndexedLabels> {
    const id = `${dataset}\0${JSON.stringify(spec)}`;
    let entry = this.#cache.get(id);
    if (!entry) {
      const dir = datasetDirectory(this.dataRoot, dataset);
      entry = readLabelTable(dir, spec).then((table) => {
        const seen = this.read.get(dataset) ?? this.read.set(dataset, new Set()).get(dataset)!;
        for (const f of table.files) seen.add(path.join(dir, ...f.split('/')));
        return indexLabelTable(spec, table);
      });
      this.#cache.set(id, entry);
    }
    return entry;
  }
}
