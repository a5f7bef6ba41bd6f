import { createHash } from 'node:crypto';
import { canonicalJson, compareCodeUnits } from '../locks/canonical-json.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Hash of a whole label row: sha256 of the canonical JSON of {column: cell}, keys in code-unit order,
 * so any revision of the row changes it and a reordering of columns does not. `order` is the column
 * indexes sorted by name (columnOrder), computed once per table: a 224,316-row table is hashed row by row.
 */
export function labelRowSha256(
  columns: readonly string[],
  row: readonly string[],
  order: readonly number[] = columnOrder(columns),
): string {
  let text = '{';
  for (let j = 0; j < order.length; j++) {
    const i = order[j]!;
    text += `${j === 0 ? '' : ','}${JSON.stringify(columns[i])}:${JSON.stringify(row[i] ?? '')}`;
  }
  return sha256(`${text}}`);
}

/** Column indexes in code-unit order of their names (the key order of canonical JSON). */
export function columnOrder(columns: readonly string[]): number[] {
  return columns.map((_, i) => i).sort((a, b) => compareCodeUnits(columns[a]!, columns[b]!));
}

/**
 * Hash of what a scenario declares about its ground truth: dataset, source path, the key its row is
 * found by, and its labels. Computed the same with data (regenerate records it) and without (validate
 * compares it), so a pull request that edits labels or source shows as not yet verified.
 */
export function claimedLabelsSha256(claim: {
  dataset: string;
  path: string;
  key: string | undefined;
  labels: Record<string, string | number>;
}): string {
  return sha256(canonicalJson({ ...claim, key: claim.key ?? null }));
}
