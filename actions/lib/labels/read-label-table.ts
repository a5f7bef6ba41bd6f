import { readdir } from 'node:fs/promises';
import path from 'node:path';
import readXlsxFile from 'read-excel-file/node';
import { InputError } from '../errors.js';
import type { LabelFile } from '../schema/dataset-manifest.js';
import { csvCell, parseCsvRecord, streamCsvLines } from './csv-rows.js';
import type { LabelTable } from './label-table.js';

/** A spreadsheet cell as text: numbers in their shortest decimal form, dates as ISO, blank as "". */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

/** The files a label file names that exist, in a stable order; `*` in the last segment is expanded. */
export async function labelFilePaths(datasetDir: string, spec: LabelFile): Promise<string[]> {
  const found: string[] = [];
  for (const pattern of spec.files) {
    const slash = pattern.lastIndexOf('/');
    const dir = slash < 0 ? '' : pattern.slice(0, slash);
    const name = pattern.slice(slash + 1);
    if (!name.includes('*')) {
      found.push(pattern);
      continue;
    }
    const re = new RegExp(
      `^${name
        .split('*')
        .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]*')}$`,
    );
    const entries = await readdir(path.join(datasetDir, ...dir.split('/').filter(Boolean)), {
      withFileTypes: true,
    }).catch(() => []);
    for (const e of entries
      .filter((e) => e.isFile() && re.test(e.name))
      .map((e) => e.name)
      .sort())
      found.push(dir ? `${dir}/${e}` : e);
  }
  return found;
}

/** Rows as read: CSV records' text, parsed on demand, or spreadsheet rows already split. */
interface RowStore {
  lines: string[];
  cells: string[][];
}

async function readCsv(
  file: string,
  shown: string,
  spec: LabelFile,
  store: RowStore,
  fileOfRow: number[],
  index: number,
) {
  let header: string[] | undefined = spec.columns;
  await streamCsvLines(file, (line) => {
    if (!header) header = parseCsvRecord(line).map((c) => c.trim());
    else {
      store.lines.push(line);
      fileOfRow.push(index);
    }
  });
  if (!header) throw new InputError('label-file', shown, 'is empty: it has no header row');
  return header;
}

async function readXlsx(
  file: string,
  shown: string,
  spec: LabelFile,
  store: RowStore,
  fileOfRow: number[],
  index: number,
) {
  const sheets = await readXlsxFile(file);
  const sheet = spec.sheet ? sheets.find((s) => s.sheet === spec.sheet) : sheets[0];
  if (!sheet) throw new InputError('label-file', shown, `has no sheet ${spec.sheet ?? ''}`.trim());
  const rows = sheet.data.map((row) => row.map(cellText));
  const header = spec.columns ?? rows.shift()?.map((c) => c.trim());
  if (!header) throw new InputError('label-file', shown, 'is empty: it has no header row');
  for (const cells of rows) {
    if (cells.every((c) => c === '')) continue;
    store.cells.push(cells);
    fileOfRow.push(index);
  }
  return header;
}

/** A table over the rows read; CSV and spreadsheet rows are never mixed (one format per spec). */
function tableOf(columns: string[], store: RowStore, fileOfRow: number[], files: string[]): LabelTable {
  const width = columns.length;
  const padded = (cells: string[]) => {
    // Short rows (a trailing blank column) are padded, so every column has a cell.
    while (cells.length < width) cells.push('');
    return cells;
  };
  const csv = store.lines.length > 0;
  return {
    columns,
    files,
    fileOfRow,
    size: csv ? store.lines.length : store.cells.length,
    row: csv ? (i) => padded(parseCsvRecord(store.lines[i]!)) : (i) => padded(store.cells[i]!),
    cell: csv ? (i, j) => csvCell(store.lines[i]!, j) : (i, j) => (j < 0 ? '' : (store.cells[i]![j] ?? '')),
  };
}

/**
 * Reads every file of a label file spec into one table, in one pass each. All files must share one
 * header. Errors name the file (relative to the dataset folder) and never a cell.
 */
export async function readLabelTable(datasetDir: string, spec: LabelFile): Promise<LabelTable> {
  const files = await labelFilePaths(datasetDir, spec);
  if (files.length === 0)
    throw new InputError('label-file', spec.files.join(', '), 'no such label file under the data root');
  const store: RowStore = { lines: [], cells: [] };
  const fileOfRow: number[] = [];
  let columns: string[] = [];
  for (const [i, relative] of files.entries()) {
    const file = path.join(datasetDir, ...relative.split('/'));
    const header = await (spec.format === 'xlsx' ? readXlsx : readCsv)(
      file,
      relative,
      spec,
      store,
      fileOfRow,
      i,
    ).catch((error: NodeJS.ErrnoException) => {
      if (error instanceof InputError) throw error;
      throw new InputError(
        'label-file',
        relative,
        error.code === 'ENOENT'
          ? 'label file is missing under the data root'
          : `cannot be read (${error.code ?? 'not a valid file'})`,
      );
    });
    if (i === 0) columns = header;
    else if (header.join('\0') !== columns.join('\0'))
      throw new InputError('label-file', relative, `its header differs from ${files[0]}'s`);
  }
  return tableOf(columns, store, fileOfRow, files);
}
