import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { synthesizeDataRoot } from '../../actions/lib/synth/synthesize-data-root.js';
import { REPO_ROOT } from '../helpers/repository-copy.js';

/** A fresh synthetic data root for this repository's scenarios, in a temp folder. */
export async function makeSyntheticRoot(
  repoRoot = REPO_ROOT,
): Promise<{ root: string; cleanup: () => Promise<void> }> {
  const parent = await mkdtemp(path.join(tmpdir(), 'cm-synth-root-'));
  const root = path.join(parent, 'data');
  await synthesizeDataRoot(root, { repoRoot });
  return { root, cleanup: () => rm(parent, { recursive: true, force: true }) };
}
