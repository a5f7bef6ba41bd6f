import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../fs/write-file-atomic.js';
import type { DatasetManifest } from '../schema/dataset-manifest.js';
import { TERM_NAMES } from '../schema/vocabulary.js';
import { datasetDirectory } from './dataset-directory.js';
import { termLabel } from './describe-dataset.js';

/** What `datasets prepare` did. */
export interface PreparedDataset {
  dir: string;
  /** Folders created (relative to the dataset folder). */
  folders: string[];
  readme: string;
}

/** The fixed part of a glob path: the folders before the first wildcard. */
function staticFolder(entry: DatasetManifest['layout']['entries'][number]): string | undefined {
  if (entry.kind === 'dir') return entry.path;
  if (entry.kind !== 'glob')
    return path.posix.dirname(entry.path) === '.' ? undefined : path.posix.dirname(entry.path);
  const parts = entry.path.split('/');
  const fixed = parts.slice(
    0,
    parts.findIndex((p) => p.includes('*')),
  );
  return fixed.length ? fixed.join('/') : undefined;
}

/** The local README: where things go, how to get them, and the agreement as a checklist. */
export function preparedReadme(m: DatasetManifest, dir: string): string {
  const lines = [
    `# ${m.title}`,
    '',
    `This folder (${dir}) is where the extracted download of \`${m.id}\` goes. Never copy it into a git repository.`,
    '',
    '## Get the data',
    '',
    ...m.access.steps.map((s, i) => `${i + 1}. ${s}`),
    '',
    '## Expected layout',
    '',
    ...m.layout.entries.map(
      (e) => `- \`${e.path}\` (${e.kind}${e.min_count ? `, at least ${e.min_count}` : ''}): ${e.description}`,
    ),
    '',
    `## Agreement checklist: ${m.licence.name}`,
    '',
    `Read the agreement at ${m.licence.url}.`,
    '',
    ...(m.licence.registration_required
      ? [
          `- [ ] I registered${m.licence.registration_per_user ? ' myself, individually' : ''} and accepted the agreement.`,
        ]
      : []),
    ...TERM_NAMES.map((t) => `- [ ] ${termLabel(t)}: **${m.licence.terms[t]}**`),
    ...(m.licence.notes ?? []).map((n) => `- [ ] ${n}`),
    '',
    '## Cite',
    '',
    `Acknowledgement (verbatim): ${m.citation.acknowledgement}`,
    '',
    ...m.citation.references.map((r) => `- ${r.text}${r.doi ? ` https://doi.org/${r.doi}` : ''}`),
    '',
    '## Check the extraction',
    '',
    '```',
    `clinical-manifests datasets check ${m.id} --data-root ${path.dirname(dir)}`,
    '```',
    '',
  ];
  return lines.join('\n');
}

/**
 * Creates DATA_ROOT/<id>/ with the layout's fixed folders and a README (access steps, expected layout,
 * agreement checklist). Never downloads anything.
 */
export async function prepareDataset(m: DatasetManifest, dataRoot: string): Promise<PreparedDataset> {
  const dir = datasetDirectory(dataRoot, m.id);
  const folders = [
    ...new Set(m.layout.entries.map(staticFolder).filter((f): f is string => f !== undefined && f !== '.')),
  ].sort();
  await mkdir(dir, { recursive: true });
  for (const f of folders) await mkdir(path.join(dir, ...f.split('/')), { recursive: true });
  const readme = path.join(dir, 'README-clinical-manifests.md');
  await writeFileAtomic(readme, preparedReadme(m, dir));
  return { dir, folders, readme };
}
