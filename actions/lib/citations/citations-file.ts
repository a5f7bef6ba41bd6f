import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Finding } from '../findings/finding.js';
import { writeFileAtomic } from '../fs/write-file-atomic.js';
import { loadRepository, type Repository } from '../repository/load-repository.js';
import { LAYOUT } from '../repository/repository-layout.js';
import { renderCitations, type UsedDataset } from './render-citations.js';

/** The dataset manifests and scenarios CITATIONS.md is made from. */
type CitationSources = Pick<Repository, 'datasets' | 'scenarios'>;

/** The CITATIONS.md the repository should have, from its manifests and scenarios. */
export function expectedCitations(repo: CitationSources): string {
  const datasets = repo.datasets.flatMap((d) => (d.value ? [d.value] : []));
  const { scenarios } = repo;
  const used = new Map<string, UsedDataset>();
  for (const s of scenarios) {
    const id = s.value?.source?.dataset;
    const manifest = datasets.find((d) => d.id === id);
    // A scenario naming an unknown dataset is validate's finding (references), not a citation.
    if (!id || !manifest) continue;
    const entry = used.get(id) ?? { manifest, scenarios: [] };
    entry.scenarios.push(s.value!.id);
    used.set(id, entry);
  }
  for (const u of used.values()) u.scenarios.sort();
  return renderCitations([...used.values()]);
}

/** Writes CITATIONS.md (atomically) when it differs; returns whether it changed. */
export async function writeCitationsFile(root: string): Promise<boolean> {
  const expected = expectedCitations(await loadRepository(root, ['datasets', 'scenarios']));
  const file = path.join(root, LAYOUT.citationsFile);
  const current = await readFile(file, 'utf8').catch(() => undefined);
  if (current === expected) return false;
  await writeFileAtomic(file, expected);
  return true;
}

/**
 * Findings when the committed CITATIONS.md is missing or differs from what the manifests and
 * scenarios give (line endings aside). Validate passes the repository it already loaded.
 */
export async function checkCitationsFile(root: string, loaded?: CitationSources): Promise<Finding[]> {
  const file = LAYOUT.citationsFile;
  const expected = expectedCitations(loaded ?? (await loadRepository(root, ['datasets', 'scenarios'])));
  let current: string;
  try {
    current = (await readFile(path.join(root, file), 'utf8')).replace(/\r\n/g, '\n');
  } catch {
    return [
      {
        rule: 'citations/stale',
        severity: 'error',
        file,
        message: `${file} is missing; run \`clinical-manifests citations\``,
      },
    ];
  }
  if (current === expected) return [];
  const a = current.split('\n');
  const b = expected.split('\n');
  let line = 0;
  while (line < a.length && line < b.length && a[line] === b[line]) line++;
  return [
    {
      rule: 'citations/stale',
      severity: 'error',
      file,
      line: line + 1,
      message: `${file} is stale: it differs from the dataset manifests and scenarios from this line on; run \`clinical-manifests citations\``,
    },
  ];
}
