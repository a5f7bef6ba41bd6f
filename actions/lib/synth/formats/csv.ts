/** A CSV field, quoted only when it must be (comma, quote, newline). */
function field(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV text with "\n" line ends; `header` null writes no header row (MURA's files have none). */
export function toCsv(
  header: readonly string[] | null,
  rows: readonly (readonly (string | number)[])[],
): string {
  const lines = header ? [header.map(field).join(',')] : [];
  for (const row of rows) lines.push(row.map(field).join(','));
  return `${lines.join('\n')}\n`;
}
