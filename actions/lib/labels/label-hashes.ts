import { createHash } from 'node:crypto';
import { canonicalJson } from '../locks/canonical-json.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Hash of a whole label row, column → cell text: any revision of the row changes it. */
export function labelRowSha256(columns: readonly string[], row: readonly string[]): string {
  const record: Record<string, string> = {};
  columns.forEach((c, i) => {
    record[c] = row[i] ?? '';
  });
  return sha256(canonicalJson(record));
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
