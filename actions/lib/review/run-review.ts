import { buildReview } from './build-review.js';
import type { ReviewReport } from './review-report.js';
import { gitSnapshot, workTreeSnapshot } from './snapshot.js';

/** Reviews the work tree at `root` against git revision `base` (a branch, tag or commit). */
export async function runReview(root: string, base: string): Promise<ReviewReport> {
  const [before, after] = await Promise.all([gitSnapshot(root, base), workTreeSnapshot(root)]);
  return buildReview(base, before, after);
}
