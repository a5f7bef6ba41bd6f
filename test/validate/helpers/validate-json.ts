import type { Finding } from '../../../actions/lib/findings/finding.js';
import { runCliCaptured } from '../../helpers/run-cli.js';

/** `clinical-manifests validate --format json` on `root`: its exit code and findings. */
export async function validateJson(root: string): Promise<{ code: number; findings: Finding[] }> {
  const result = await runCliCaptured(['validate', '--repo', root, '--format', 'json']);
  return { code: result.code, findings: JSON.parse(result.stdout).findings };
}
