/**
 * The runner's file commands: GITHUB_OUTPUT, GITHUB_ENV and GITHUB_STATE hold `name=value` lines and
 * `name<<DELIMITER` blocks. A block without its closing delimiter is an error on the runner, and here.
 */
export function parseFileCommand(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2]!, i + 1);
      if (end < 0) throw new Error(`file command ${heredoc[1]}: no closing delimiter ${heredoc[2]}`);
      values[heredoc[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) {
      values[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    } else if (line.trim() !== '') {
      throw new Error(`file command: cannot read line "${line}"`);
    }
  }
  return values;
}
