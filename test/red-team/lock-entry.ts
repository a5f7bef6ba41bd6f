/** A lock in the lock format for scenario_001's image, as a regenerate run would commit it. */
import { createHash } from 'node:crypto';
import { recipeSha256 } from '../../actions/lib/regenerate/work-items.js';

const hex = (s: string) => createHash('sha256').update(s).digest('hex');

/** What a runner records of the label row an entry was checked against (issue 18). */
export interface LabelRecord {
  file: string;
  row_sha256: string;
  claimed_sha256: string;
}

export function muraLock(output: string, sourcePath: string, labels?: LabelRecord): string {
  const recipe = { kind: 'image' } as const;
  const lock = {
    $schema: '../schema/lock.schema.json',
    format: 1,
    dataset: 'mura',
    tools: { 'clinical-manifests': '0.1.0' },
    entries: [
      {
        output,
        source: { path: sourcePath, sha256: hex(`source ${sourcePath}`), size: 183_041 },
        recipe,
        recipe_sha256: recipeSha256(recipe as never),
        output_sha256: hex(`output ${output}`),
        pixels_sha256: hex(`pixels ${output}`),
        width: 512,
        height: 512,
        channels: 1,
        ...(labels ? { labels } : {}),
      },
    ],
  };
  return `${JSON.stringify(lock, null, 2)}\n`;
}
