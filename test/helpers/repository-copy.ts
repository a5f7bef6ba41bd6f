import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The repository under test: the checkout these tests run from. */
export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

/** Copies the repository's content (manifests, scenarios, policy, workflows) into a fresh temp dir. */
export async function copyRepositoryContent(): Promise<{ root: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(path.join(tmpdir(), 'cm-repo-'));
  for (const dir of ['manifests', 'scenarios', '.github']) {
    await cp(path.join(REPO_ROOT, dir), path.join(root, dir), { recursive: true });
  }
  for (const file of ['CITATIONS.md', '.gitignore']) {
    await cp(path.join(REPO_ROOT, file), path.join(root, file)).catch(() => {});
  }
  return { root, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** Reads a JSON file of a copy, lets `edit` change it, writes it back pretty-printed. */
export async function editJson(root: string, file: string, edit: (value: any) => void): Promise<void> {
  const full = path.join(root, file);
  const value = JSON.parse(await readFile(full, 'utf8'));
  edit(value);
  await writeFile(full, `${JSON.stringify(value, null, 2)}\n`);
}
