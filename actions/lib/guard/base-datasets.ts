import { withBuiltinDatasets } from '../datasets/builtin-datasets.js';
import type { Finding } from '../findings/finding.js';
import { JsonDocument } from '../json/json-document.js';
import type { LoadedFile } from '../repository/load-json-file.js';
import { LAYOUT } from '../repository/repository-layout.js';
import { DatasetManifest } from '../schema/dataset-manifest.js';
import type { TermAnswer } from '../schema/vocabulary.js';
import { runGit } from '../tools/run-git.js';

/** A dataset manifest larger than this at the base is not a manifest; it is skipped. */
const MAX_MANIFEST_BYTES = 1024 * 1024;

/**
 * The dataset registry as the pull request's base commits it (its manifests/datasets/*.json read
 * from the object store, then the built-in ones it does not override). The guard judges label
 * fields by these terms too, so a pull request cannot loosen a dataset's terms and, in the same
 * change, add the labels those terms forbid.
 */
export async function datasetsAt(root: string, commit: string): Promise<LoadedFile<DatasetManifest>[]> {
  const listing = await runGit(root, ['ls-tree', '-z', '-l', commit, '--', `${LAYOUT.datasetsDir}/`]).catch(
    () => '',
  );
  const files: LoadedFile<DatasetManifest>[] = [];
  for (const entry of listing.split('\0')) {
    const match = /^\d+ blob [0-9a-f]+ +(\d+)\t(.+)$/.exec(entry);
    if (!match || !match[2]!.endsWith('.json') || Number(match[1]) > MAX_MANIFEST_BYTES) continue;
    const file = match[2]!;
    const text = await runGit(root, ['cat-file', 'blob', `${commit}:${file}`]);
    const parsed = JsonDocument.parse(file, text);
    if ('problem' in parsed) {
      files.push({ file });
      continue;
    }
    const result = DatasetManifest.safeParse(parsed.doc.value);
    files.push(result.success ? { file, doc: parsed.doc, value: result.data } : { file, doc: parsed.doc });
  }
  return withBuiltinDatasets(files);
}

/** How much an answer holds labels back: what labelFieldFindings makes of it. */
const STRICTNESS: Record<TermAnswer, number> = {
  allowed: 0,
  unknown: 1,
  'requires-agreement': 1,
  prohibited: 2,
};

const labelTerms = (d: LoadedFile<DatasetManifest>) => d.value?.licence.terms.labels_redistribution;

/**
 * For each dataset, the stricter of the head's and the base's labels_redistribution (a dataset the
 * head dropped keeps its base entry), with a warning on each manifest that loosens it: the change
 * takes effect for later pull requests once merged, after review, not for this one.
 */
export function stricterLabelTerms(
  head: readonly LoadedFile<DatasetManifest>[],
  base: readonly LoadedFile<DatasetManifest>[],
  findings: Finding[],
): LoadedFile<DatasetManifest>[] {
  const baseById = new Map(base.flatMap((d) => (d.value ? [[d.value.id, d] as const] : [])));
  const judged: LoadedFile<DatasetManifest>[] = [];
  const seen = new Set<string>();
  for (const d of head) {
    const id = d.value?.id;
    if (!id) {
      judged.push(d);
      continue;
    }
    seen.add(id);
    const before = baseById.get(id);
    const [was, now] = [before && labelTerms(before), labelTerms(d)];
    if (before && was && now && STRICTNESS[was] > STRICTNESS[now]) {
      findings.push({
        rule: 'guard/terms-loosened',
        severity: 'warning',
        file: d.file,
        ...d.doc?.locate('/licence/terms/labels_redistribution'),
        message: `dataset "${id}": labels_redistribution goes from "${was}" at the base to "${now}"; this pull request is judged by "${was}"`,
      });
      judged.push(before);
    } else judged.push(d);
  }
  for (const [id, d] of baseById) if (!seen.has(id)) judged.push(d);
  return judged;
}
