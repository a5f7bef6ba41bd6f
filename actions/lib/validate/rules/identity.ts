import path from 'node:path';
import type { Finding } from '../../findings/finding.js';
import type { LoadedFile } from '../../repository/load-json-file.js';
import { findingAt, type Rule } from '../rule.js';

function checkIds(files: LoadedFile<{ id: string }>[], kind: string): Finding[] {
  const findings: Finding[] = [];
  const firstFileById = new Map<string, string>();
  for (const loaded of files) {
    if (!loaded.value) continue;
    const { id } = loaded.value;
    const expected = `${id}.json`;
    if (path.posix.basename(loaded.file) !== expected) {
      findings.push(
        findingAt(
          loaded,
          '/id',
          'identity/file-name',
          'error',
          `${kind} id "${id}" must live in a file named ${expected}`,
        ),
      );
    }
    const first = firstFileById.get(id);
    if (first) {
      findings.push(
        findingAt(
          loaded,
          '/id',
          'identity/duplicate-id',
          'error',
          `${kind} id "${id}" is already used by ${first}`,
        ),
      );
    } else {
      firstFileById.set(id, loaded.file);
    }
  }
  return findings;
}

/** Ids are unique and each file is named after its id, so references are unambiguous. */
export const identityRule: Rule = ({ repo }) => [
  ...checkIds(repo.datasets, 'dataset'),
  ...checkIds(repo.scenarios, 'scenario'),
  ...checkIds(repo.selections, 'selection'),
];
