/** Bumped only when a field every command shares changes meaning; each payload may grow fields. */
export const JSON_SCHEMA_VERSION = 1;

/**
 * The one shape of every `--format json`: `{"schema_version": 1, "command": "<name>", …payload}`,
 * where `command` is the command line's verbs ("validate", "datasets check", "locks merge").
 */
export function jsonEnvelope(command: string, payload: object): string {
  return `${JSON.stringify({ schema_version: JSON_SCHEMA_VERSION, command, ...payload }, null, 2)}\n`;
}
