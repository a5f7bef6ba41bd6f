import type { CommandIo } from './command.js';

/** Colour only on a terminal, and never when NO_COLOR is set to anything non-empty (no-color.org). */
export function colourEnabled(io: Pick<CommandIo, 'env'>, stream: { isTTY?: boolean }): boolean {
  return Boolean(stream.isTTY) && !io.env.NO_COLOR;
}

/** `paint('31', text)`: an SGR colour when enabled, the bare text otherwise. */
export function painter(io: Pick<CommandIo, 'env'>, stream: { isTTY?: boolean }) {
  const on = colourEnabled(io, stream);
  return (code: string, s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);
}
