import path from 'node:path';
import { compareCodeUnits } from '../locks/canonical-json.js';
import { readAllLocks } from '../locks/lock-store.js';
import { LAYOUT } from '../repository/repository-layout.js';

/**
 * Lock entries whose scenario labels were checked against a label row, by dataset (output paths):
 * what the demo shows as "ground truth verified".
 */
export async function verifiedGroundTruth(repoRoot: string): Promise<Map<string, string[]>> {
  const verified = new Map<string, string[]>();
  for (const [dataset, locks] of await readAllLocks(path.join(repoRoot, LAYOUT.locksDir))) {
    const outputs = [...locks.entries.values()].filter((e) => e.labels?.claimed_sha256).map((e) => e.output);
    if (outputs.length > 0) verified.set(dataset, outputs.sort(compareCodeUnits));
  }
  return verified;
}
