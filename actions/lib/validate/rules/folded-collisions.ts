import type { Finding } from '../../findings/finding.js';
import { foldedCollisions } from '../../fs/folded-names.js';
import { pointerOf } from '../../json/json-document.js';
import type { LoadedFile } from '../../repository/load-json-file.js';
import { findingAt, type Rule } from '../rule.js';

/** At most this many collisions are reported per kind: a lock may hold hundreds of thousands of outputs. */
const MAX_PER_KIND = 50;

interface Named {
  loaded: LoadedFile<unknown>;
  /** Where the name sits; a function, so that 224,316 lock entries build no pointer unless reported. */
  pointer: () => string;
}

function report(
  kind: string,
  rule: string,
  entries: { name: string; item: Named }[],
  describe: (item: Named) => string,
): Finding[] {
  const collisions = foldedCollisions(entries).slice(0, MAX_PER_KIND);
  // A lock may be tens of megabytes: its positions are found in one scan, not one per finding.
  const byDoc = new Map<LoadedFile<unknown>, string[]>();
  for (const c of collisions)
    byDoc.set(c.item.loaded, [...(byDoc.get(c.item.loaded) ?? []), c.item.pointer()]);
  for (const [loaded, pointers] of byDoc) loaded.doc?.prefetch(pointers);
  return collisions.map((c) =>
    findingAt(
      c.item.loaded,
      c.item.pointer(),
      rule,
      'error',
      `${kind} "${c.name}" differs from "${c.earlierName}" (${describe(c.earlier)}) only by case or Unicode normalisation: they are one file on macOS and Windows; rename one`,
    ),
  );
}

/**
 * Names that collide on a case-insensitive or normalising file system: content files, scenario,
 * dataset and selection ids (they name files), output paths (scenario images, selection folders and
 * lock entries share one outputs directory).
 */
export const foldedCollisionsRule: Rule = ({ repo }) => {
  const ids = (files: LoadedFile<{ id: string }>[]) =>
    files.flatMap((loaded) =>
      loaded.value ? [{ name: loaded.value.id, item: { loaded, pointer: () => '/id' } }] : [],
    );
  const outputs: { name: string; item: Named }[] = [];
  for (const loaded of repo.scenarios) {
    const value = loaded.value;
    if (!value) continue;
    outputs.push({ name: value.image_file, item: { loaded, pointer: () => '/image_file' } });
    if (value.synthetic)
      outputs.push({
        name: value.synthetic.image_file,
        item: { loaded, pointer: () => '/synthetic/image_file' },
      });
  }
  for (const loaded of repo.locks) {
    loaded.value?.entries.forEach((entry, i) => {
      outputs.push({
        name: entry.output,
        item: { loaded, pointer: () => pointerOf(['entries', i, 'output']) },
      });
    });
  }
  const outputDirs = repo.selections.flatMap((loaded) =>
    loaded.value
      ? [
          {
            name: loaded.value.output_dir.replace(/\/+$/, ''),
            item: { loaded, pointer: () => '/output_dir' },
          },
        ]
      : [],
  );
  const fileOf = (item: Named) => item.loaded.file;
  // Content files themselves (a lock named MURA.json beside mura.json): reported at their first line.
  const files = [...repo.scenarios, ...repo.datasets, ...repo.selections, ...repo.locks].map((loaded) => ({
    name: loaded.file,
    item: loaded,
  }));
  const fileCollisions: Finding[] = foldedCollisions(files)
    .slice(0, MAX_PER_KIND)
    .map((c) => ({
      rule: 'collision/file',
      severity: 'error',
      file: c.name,
      line: 1,
      column: 1,
      message: `file "${c.name}" differs from "${c.earlierName}" only by case or Unicode normalisation: they are one file on macOS and Windows; rename one`,
    }));
  return [
    ...fileCollisions,
    ...report('scenario id', 'collision/id', ids(repo.scenarios), fileOf),
    ...report('dataset id', 'collision/id', ids(repo.datasets), fileOf),
    ...report('selection id', 'collision/id', ids(repo.selections), fileOf),
    ...report('output', 'collision/output', outputs, fileOf),
    ...report('output_dir', 'collision/output', outputDirs, fileOf),
  ];
};
