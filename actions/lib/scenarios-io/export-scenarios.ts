import path from 'node:path';
import { InputError } from '../errors.js';
import { readBoundedFile } from '../fs/read-bounded-file.js';
import { JsonDocument } from '../json/json-document.js';
import { JSON_SIZE_LIMITS, jsonTooLarge } from '../json/json-limits.js';
import { listFiles } from '../repository/list-files.js';
import { LAYOUT } from '../repository/repository-layout.js';

/** One scenario as a benchmark's scenarios.json holds it: our file without its `$schema`. */
export type ScenarioRecord = Record<string, unknown> & { id: string };

/**
 * Every scenario file as it is written (no defaults added), in file order, without `$schema`: the
 * array a benchmark keeps in one scenarios.json. Key order is kept, so import gives the files back.
 */
export async function exportScenarios(root: string): Promise<ScenarioRecord[]> {
  const files = await listFiles(root, LAYOUT.scenariosDir, '.json');
  const records: ScenarioRecord[] = [];
  for (const file of files) {
    const read = await readBoundedFile(path.join(root, file), JSON_SIZE_LIMITS.scenario);
    const tooLarge = jsonTooLarge('scenario', read.size, 'bytes' in read ? read.bytes : undefined);
    if (tooLarge || !('bytes' in read)) throw new InputError('scenario-json', file, tooLarge ?? 'too large');
    const parsed = JsonDocument.parse(file, read.bytes.toString('utf8'));
    if ('problem' in parsed) {
      throw new InputError(
        'scenario-json',
        file,
        `line ${parsed.problem.line}: invalid JSON: ${parsed.problem.message}`,
      );
    }
    const value = parsed.doc.value;
    if (
      typeof value !== 'object' ||
      value === null ||
      Array.isArray(value) ||
      typeof (value as { id?: unknown }).id !== 'string'
    ) {
      throw new InputError('scenario-shape', file, 'is not a scenario object with a string id');
    }
    const { $schema: _schema, ...record } = value as ScenarioRecord;
    records.push(record as ScenarioRecord);
  }
  return records;
}

/** The scenarios.json text: a pretty-printed array ending in a newline. */
export function formatScenariosJson(records: readonly ScenarioRecord[]): string {
  return `${JSON.stringify(records, null, 2)}\n`;
}
