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

function quoteCount(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('"', from); i >= 0 && i < to; i = text.indexOf('"', i + 1)) n++;
  return n;
}

/**
 * Streams a CSV file once and hands each record to `onRecord`, in order. A quoted field may hold line
 * breaks: a line with an odd number of quotes continues on the next. Blank lines are skipped; a UTF-8
 * byte-order mark is dropped.
 */
export async function streamCsvRecords(file: string, onRecord: (cells: string[]) => void): Promise<void> {
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
    for (;;) {
      const nl = text.indexOf('\n', scan);
      if (nl < 0) break;
      quotes += quoteCount(text, scan, nl);
      scan = nl + 1;
      if (quotes % 2 === 1) continue;
      if (nl > start && !(nl === start + 1 && text[start] === '\r'))
        onRecord(parseCsvRecord(text.slice(start, nl)));
      start = nl + 1;
      quotes = 0;
    }
    carry = text.slice(start);
  }
  if (carry !== '' && carry !== '\r') onRecord(parseCsvRecord(carry));
}
