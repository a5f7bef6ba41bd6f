/** Where library code reports progress. The library never prints; each face supplies a Logger. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, debug() {} };

/** Logs to stderr, so stdout stays free for a command's report. */
export function stderrLogger(options: { debug?: boolean } = {}): Logger {
  return {
    info: (m) => process.stderr.write(`${m}\n`),
    warn: (m) => process.stderr.write(`warning: ${m}\n`),
    debug: (m) => {
      if (options.debug) process.stderr.write(`debug: ${m}\n`);
    },
  };
}
