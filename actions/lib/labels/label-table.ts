/**
 * A label file read as a table: column names and rows of cell text. Cells are text exactly as the file
 * holds them (a spreadsheet number becomes its shortest decimal form), so a row hashes the same on
 * every runner. A CSV table keeps each record's text and splits a row when it is asked for: a
 * 224,316-row CheXpert table is one string per row, not nineteen.
 */
export interface LabelTable {
  columns: string[];
  /** How many rows. */
  size: number;
  /** The cells of row i (as many as columns at least). */
  row(i: number): string[];
  /** Cell j of row i ('' for j < 0 or past the row's end); a CSV row is not split for it. */
  cell(i: number, j: number): string;
  /** For each row, which of the table's files it came from (index into `files`). */
  fileOfRow: number[];
  files: string[];
}
