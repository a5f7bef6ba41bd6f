import { readdir } from 'node:fs/promises';
import path from 'node:path';
import readXlsxFile from 'read-excel-file/node';
import { InputError } from '../errors.js';
import type { LabelFile } from '../schema/dataset-manifest.js';
import { streamCsvRecords } from './csv-rows.js';
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

async function readCsv(file: string, shown: string, spec: LabelFile, table: LabelTable, index: number) {
  let header: string[] | undefined = spec.columns;
  const width = () => header!.length;
  await streamCsvRecords(file, (cells) => {
    if (!header) {
      header = cells.map((c) => c.trim());
      return;
    }
    // Short rows are padded (a trailing blank column); long rows keep their cells and are checked below.
    while (cells.length < width()) cells.push('');
    table.rows.push(cells);
    (table.fileOfRow as number[]).push(index);
  });
  if (!header) throw new InputError('label-file', shown, 'is empty: it has no header row');
  return header;
}

async function readXlsx(file: string, shown: string, spec: LabelFile, table: LabelTable, index: number) {
  const sheets = await readXlsxFile(file);
  const sheet = spec.sheet ? sheets.find((s) => s.sheet === spec.sheet) : sheets[0];
  if (!sheet) throw new InputError('label-file', shown, `has no sheet ${spec.sheet ?? ''}`.trim());
  const rows = sheet.data.map((row) => row.map(cellText));
  const header = spec.columns ?? rows.shift()?.map((c) => c.trim());
  if (!header) throw new InputError('label-file', shown, 'is empty: it has no header row');
  for (const cells of rows) {
    if (cells.every((c) => c === '')) continue;
    while (cells.length < header.length) cells.push('');
    table.rows.push(cells);
    (table.fileOfRow as number[]).push(index);
  }
  return header;
}

/**
 * Reads every file of a label file spec into one table, in one pass each. All files must share one
 * header. Errors name the file (relative to the dataset folder) and never a cell.
 */
export async function readLabelTable(datasetDir: string, spec: LabelFile): Promise<LabelTable> {
  const files = await labelFilePaths(datasetDir, spec);
  const table: LabelTable = { columns: [], rows: [], fileOfRow: [], files };
  if (files.length === 0)
    throw new InputError('label-file', spec.files.join(', '), 'no such label file under the data root');
  for (const [i, relative] of files.entries()) {
    const file = path.join(datasetDir, ...relative.split('/'));
    const header = await (spec.format === 'xlsx' ? readXlsx : readCsv)(file, relative, spec, table, i).catch(
      (error: NodeJS.ErrnoException) => {
        if (error instanceof InputError) throw error;
        throw new InputError(
          'label-file',
          relative,
          error.code === 'ENOENT'
            ? 'label file is missing under the data root'
            : `cannot be read (${error.code ?? 'not a valid file'})`,
        );
      },
    );
    if (i === 0) table.columns = header;
    else if (header.join('\0') !== table.columns.join('\0'))
      throw new InputError('label-file', relative, `its header differs from ${files[0]}'s`);
  }
  return table;
}
