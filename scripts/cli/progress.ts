import type { CommandIo } from './command.js';

/**
 * `\r[#########-----------]  12/30` on stderr, redrawn in place and cleared at the end; only on a
 * terminal and without --quiet, so logs and pipes get nothing.
 */
export function progressBar(io: CommandIo): ((done: number, total: number) => void) | undefined {
  if (!io.stderr.isTTY || io.quiet) return undefined;
  return (done, total) => {
    const width = 30;
    const filled = total === 0 ? width : Math.round((done / total) * width);
    io.stderr.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`);
    if (done === total) io.stderr.write('\r\x1b[K');
  };
}

/** `{ onProgress }` for a library call when a bar is drawn, else nothing. */
export function progressOption(io: CommandIo): { onProgress?: (done: number, total: number) => void } {
  const bar = progressBar(io);
  return bar ? { onProgress: bar } : {};
}
