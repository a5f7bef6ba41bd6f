import { createReadStream } from 'node:fs';

/** Splits one CSV record that contains quotes (RFC 4180: "" inside quotes is one "). */
function parseQuoted(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c !== '"') cell += c;
      else if (line[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}

/** One record's cells; the common case (no quote) is a plain split, which is what makes this fast. */
export function parseCsvRecord(line: string): string[] {
  const end = line.endsWith('\r') ? line.slice(0, -1) : line;
  return end.includes('"') ? parseQuoted(end) : end.split(',');
}

/**
 * Streams a CSV file once and hands each record's text (unsplit, line end included) to `onRecord`, in
 * order. A quoted field may hold line breaks: a line with an odd number of quotes continues on the
 * next. Blank lines are skipped; a UTF-8 byte-order mark is dropped.
 */
export async function streamCsvLines(file: string, onRecord: (line: string) => void): Promise<void> {
  let carry = '';
  let first = true;
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  for await (const chunk of stream as AsyncIterable<string>) {
    let text = carry + chunk;
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    let start = 0;
    let scan = 0;
    let quotes = 0;
    // The next quote of the chunk, found once: searching from each line would rescan the chunk.
    let nextQuote = text.indexOf('"');
    for (;;) {
      const nl = text.indexOf('\n', scan);
      if (nl < 0) break;
      while (nextQuote >= 0 && nextQuote < nl) {
        quotes++;
        nextQuote = text.indexOf('"', nextQuote + 1);
      }
      scan = nl + 1;
      if (quotes % 2 === 1) continue;
      if (nl > start && !(nl === start + 1 && text[start] === '\r')) onRecord(text.slice(start, nl));
      start = nl + 1;
      quotes = 0;
    }
    carry = text.slice(start);
  }
  if (carry !== '' && carry !== '\r') onRecord(carry);
}

/** Streams a CSV file once and hands each record's cells to `onRecord`, in order (see streamCsvLines). */
export function streamCsvRecords(file: string, onRecord: (cells: string[]) => void): Promise<void> {
  return streamCsvLines(file, (line) => onRecord(parseCsvRecord(line)));
}

/**
 * Cell j of a record without splitting the rest (a key column, or the few columns a query reads): what
 * scanning 224,316 rows needs, without making 19 strings of each. A record with a quote is parsed whole.
 */
export function csvCell(line: string, j: number): string {
  if (j < 0) return '';
  if (line.includes('"')) return parseCsvRecord(line)[j] ?? '';
  let start = 0;
  for (let n = 0; n < j; n++) {
    const comma = line.indexOf(',', start);
    if (comma < 0) return '';
    start = comma + 1;
  }
  const comma = line.indexOf(',', start);
  let end = comma < 0 ? line.length : comma;
  if (comma < 0 && line.charCodeAt(end - 1) === 13) end--;
  return line.slice(start, end);
}
