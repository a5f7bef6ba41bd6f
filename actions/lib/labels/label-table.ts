/**
 * A label file read as a table: column names and rows of cell text. Cells are text exactly as the file
 * holds them (a spreadsheet number becomes its shortest decimal form), so a row hashes the same on
 * every runner.
 */
export interface LabelTable {
  columns: string[];
  rows: string[][];
  /** For each row, which of the table's files it came from (index into `files`). */
  fileOfRow: Uint16Array | number[];
  files: string[];
}
