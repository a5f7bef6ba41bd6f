import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { copyBenchmarkContent } from '../../actions/lib/demo/scratch-repository.js';

/** The repository under test: the checkout these tests run from. */
export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

/** Copies the repository's content (manifests, scenarios, policy, workflows) into a fresh temp dir. */
export async function copyRepositoryContent(): Promise<{ root: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(path.join(tmpdir(), 'cm-repo-'));
  await copyBenchmarkContent(REPO_ROOT, root);
  return { root, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** Reads a JSON file of a copy, lets `edit` change it, writes it back pretty-printed. */
export async function editJson(root: string, file: string, edit: (value: any) => void): Promise<void> {
  const full = path.join(root, file);
  const value = JSON.parse(await readFile(full, 'utf8'));
  edit(value);
  await writeFile(full, `${JSON.stringify(value, null, 2)}\n`);
}
