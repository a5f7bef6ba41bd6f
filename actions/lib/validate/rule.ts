import type { Finding, Severity } from '../findings/finding.js';
import type { LoadedFile } from '../repository/load-json-file.js';
import type { Repository } from '../repository/load-repository.js';
import type { DatasetManifest } from '../schema/dataset-manifest.js';
import type { LockEntry } from '../schema/lock.js';

/** What every rule sees: the loaded repository, the datasets by id and the lock entries by source. */
export interface RuleContext {
  repo: Repository;
  datasetsById: Map<string, LoadedFile<DatasetManifest> & { value: DatasetManifest }>;
  /** The lock entries that make a scenario's image_file from its source (dataset, path); for scenarios only. */
  lockEntriesFor(dataset: string, output: string, sourcePath: string): readonly LockEntry[];
}

/** A rule reads the context and returns findings; it never throws for bad content. */
export type Rule = (context: RuleContext) => Finding[] | Promise<Finding[]>;

/** A finding located at a JSON pointer of a loaded file (the key for "unknown"/"missing" style findings). */
export function findingAt(
  loaded: LoadedFile<unknown>,
  pointer: string,
  rule: string,
  severity: Severity,
  message: string,
): Finding {
  // A built-in manifest has no file in this repository: no line to point at, and the message says so.
  if (loaded.builtin)
    return {
      rule,
      severity,
      file: loaded.file,
      message: `${message} (built-in manifest; ${loaded.file} of your own overrides it)`,
    };
  const at = loaded.doc ? loaded.doc.locateKey(pointer) : { line: 1, column: 1 };
  return { rule, severity, file: loaded.file, line: at.line, column: at.column, message };
}
