import type { EncodedRun } from './encoded-run.js';

/**
 * Bits hidden as whitespace at the ends of lines (spaces for 0, tabs for 1, as the `snow` tool and
 * the Whitespace language write them): editors leave the odd trailing space or two, never a run of
 * tabs and spaces, or of eight or more, on line after line.
 */
const MIN_LINES = 64;

export function findTrailingWhitespace(text: string): EncodedRun[] {
  let lines = 0;
  let chars = 0;
  let first = -1;
  let last = -1;
  // Line by line from each end backwards: linear, where a regular expression would backtrack.
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    let from = end > start && text[end - 1] === '\r' ? end - 1 : end;
    const to = from;
    let spaces = 0;
    let tabs = 0;
    for (; from > start && (text[from - 1] === ' ' || text[from - 1] === '\t'); from--)
      text[from - 1] === ' ' ? spaces++ : tabs++;
    // A blank line's indentation (an editor's leftovers in code) is not counted.
    if (from > start && (to - from >= 8 || (spaces > 0 && tabs > 0))) {
      lines++;
      chars += to - from;
      if (first < 0) first = from;
      last = to;
    }
    if (newline < 0) break;
    start = newline + 1;
  }
  if (lines < MIN_LINES) return [];
  return [
    {
      encoding: 'whitespace',
      offset: first,
      length: last - first,
      decodedBytes: chars >> 3,
      decodesTo: 'binary',
    },
  ];
}
