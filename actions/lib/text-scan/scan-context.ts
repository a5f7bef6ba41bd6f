import type { Logger } from '../logger.js';
import { loadRepository } from '../repository/load-repository.js';

/** What regenerate's text scan needs from the policy, read once per run. */
export interface TextScanContext {
  exempt: Set<string>;
  /** output → the pixels_sha256 a reviewer accepted. */
  reviewed: Map<string, string>;
}

/**
 * Reads policy.json's text-scan exemptions and reviews. Each exempt dataset is a notice, every run:
 * its outputs reach models unscanned, and whoever reads the log should see that, and why.
 */
export async function textScanContext(repoRoot: string, logger: Logger): Promise<TextScanContext> {
  const { policy } = await loadRepository(repoRoot, ['policy']);
  const value = policy?.value;
  const exempt = new Set<string>();
  for (const e of value?.text_scan_exempt ?? []) {
    exempt.add(e.dataset);
    logger.info(
      `notice: outputs of dataset ${e.dataset} are not scanned for burned-in text (policy: ${e.reason})`,
    );
  }
  const reviewed = new Map((value?.reviewed_burned_in_text ?? []).map((r) => [r.output, r.pixels_sha256]));
  return { exempt, reviewed };
}
