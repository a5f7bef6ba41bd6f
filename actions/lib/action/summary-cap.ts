/**
 * The runner drops a step summary over 1 MiB whole (the job then shows none), so every action's
 * summary is cut below that, at a line break, with a line saying what was cut and where the rest is.
 */

/** The runner's limit per step summary. */
export const RUNNER_SUMMARY_LIMIT = 1024 * 1024;

/** What the actions write at most: the limit less room for the closing line and the runner's framing. */
export const SUMMARY_BUDGET = 1_000_000;

/** Cuts `markdown` to `budget` UTF-8 bytes at a line break, ending with `cutLine(bytesCut)`. */
export function capSummary(
  markdown: string,
  cutLine: (bytesCut: number) => string,
  budget = SUMMARY_BUDGET,
): string {
  const total = Buffer.byteLength(markdown, 'utf8');
  if (total <= budget) return markdown;
  const room = budget - Buffer.byteLength(cutLine(total), 'utf8') - 2;
  const head = Buffer.from(markdown, 'utf8').subarray(0, Math.max(0, room)).toString('utf8');
  // Drop a partial last line (and a replacement character from a split multi-byte sequence).
  const kept = head.slice(0, Math.max(0, head.lastIndexOf('\n') + 1));
  return `${kept}\n${cutLine(total - Buffer.byteLength(kept, 'utf8'))}\n`;
}
