import { messageOf } from '../../errors.js';
import type { Finding } from '../../findings/finding.js';
import { pointerOf } from '../../json/json-document.js';
import { labelFileFor, scenarioClaimSha256, selectionQuery } from '../../labels/ground-truth.js';
import { labelFileOf } from '../../labels/label-index.js';
import { labelFileApplies, labelKeyOf } from '../../labels/label-key.js';
import { parseLabelQuery, queryFields } from '../../labels/label-query.js';
import { GROUND_TRUTH_UNVERIFIED } from '../../labels/unverified-notice.js';
import type { LockEntry } from '../../schema/lock.js';
import { findingAt, type Rule } from '../rule.js';

/**
 * Issue 18, without data: every label a manifest declares lives in a declared label file (a label no
 * file holds is not a label), the findings it grounds are queries over such labels; a scenario's
 * source.labels name only such labels, from one file, with a key its source yields; a selection's query
 * is well formed; and a scenario whose labels or source changed since its last verified lock entry is
 * "not yet verified".
 */
export const groundTruthRule: Rule = ({ repo, datasetsById }) => {
  const findings: Finding[] = [];
  for (const loaded of repo.datasets) {
    const manifest = loaded.value;
    if (!manifest) continue;
    const at = (pointer: string, message: string) =>
      findings.push(findingAt(loaded, pointer, 'labels/manifest', 'error', message));
    manifest.label_fields.forEach((field, i) => {
      const file = labelFileOf(manifest, field);
      if ((field.held_in ?? 'label-file') === 'label-file' && !file)
        at(
          `/label_fields/${i}/source`,
          `label "${field.name}": no label_files entry names ${field.source}; a label that no file holds is not a label (declare its label file, or say where it is held with held_in)`,
        );
      // Where the manifest knows the file's columns, the label must be one of them.
      const columns =
        file?.columns ?? manifest.layout.entries.find((e) => e.path === field.source)?.csv_header;
      if (file && columns && !columns.includes(field.name))
        at(
          `/label_fields/${i}/name`,
          `label "${field.name}" is not a column of ${field.source} (${columns.join(', ')})`,
        );
      for (const [finding, query] of Object.entries(field.grounds ?? {})) {
        const pointer = pointerOf(['label_fields', i, 'grounds', finding]);
        if (!field.findings.includes(finding))
          at(pointer, `"${finding}" is not one of this label's findings`);
        try {
          const found = labelFileFor(manifest, queryFields(parseLabelQuery(query)));
          if ('problem' in found) at(pointer, found.problem);
        } catch (error) {
          at(pointer, `query: ${messageOf(error)}`);
        }
      }
    });
    (manifest.label_files ?? []).forEach((file, i) => {
      if (file.columns && !file.columns.includes(file.key_column))
        at(`/label_files/${i}/key_column`, `key column "${file.key_column}" is not one of columns`);
      const header = manifest.layout.entries.find((e) => e.path === file.files[0])?.csv_header;
      if (header && !header.includes(file.key_column))
        at(
          `/label_files/${i}/key_column`,
          `key column "${file.key_column}" is not in ${file.files[0]}'s csv_header`,
        );
    });
  }

  // Lock entries by (dataset, output), whatever their source path: a changed path is a changed claim.
  const wanted = new Set(
    repo.scenarios.flatMap((s) =>
      s.value?.source ? [`${s.value.source.dataset}\0${s.value.image_file}`] : [],
    ),
  );
  const entries = new Map<string, LockEntry[]>();
  for (const lock of repo.locks) {
    if (!lock.value) continue;
    for (const e of lock.value.entries) {
      const key = `${lock.value.dataset}\0${e.output}`;
      if (wanted.has(key)) entries.set(key, [...(entries.get(key) ?? []), e]);
    }
  }

  for (const loaded of repo.scenarios) {
    const scenario = loaded.value;
    const source = scenario?.source;
    const manifest = source ? datasetsById.get(source.dataset)?.value : undefined;
    if (!scenario || !source || !manifest) continue;
    const names = Object.keys(source.labels);
    if (names.length === 0) continue;
    const at = (pointer: string, rule: string, severity: 'error' | 'warning', message: string) =>
      findings.push(findingAt(loaded, pointer, rule, severity, message));
    let usable = true;
    for (const name of names) {
      const field = manifest.label_fields.find((f) => f.name === name);
      if (field && !labelFileOf(manifest, field)) {
        usable = false;
        at(
          pointerOf(['source', 'labels', name]),
          'labels/not-a-label',
          'error',
          `"${name}" is not a label: dataset ${manifest.id} holds it in the ${field.held_in ?? 'label-file'}, not in a label file; say it in findings or metadata instead`,
        );
      } else if (!field) usable = false; // domain/labels names it
    }
    if (!usable) continue;
    const found = labelFileFor(manifest, names);
    if ('problem' in found) {
      at('/source/labels', 'labels/one-file', 'error', found.problem);
      continue;
    }
    if (!labelFileApplies(found.spec, source.path))
      at(
        '/source/path',
        'labels/key',
        'error',
        `${found.spec.files.join(', ')} does not label this source (applies_to)`,
      );
    else if (labelKeyOf(found.spec.key, source) === undefined)
      at(
        '/source',
        'labels/key',
        'error',
        `the source yields no ${found.spec.key_column} to find its label row by (key from ${found.spec.key.from}${found.spec.key.from === 'recipe-value' ? `: the recipe must select by ${found.spec.key.key}` : ''})`,
      );
    const locked = entries.get(`${source.dataset}\0${scenario.image_file}`) ?? [];
    if (locked.length === 0) continue; // references/needs-regeneration says it
    const claim = scenarioClaimSha256(scenario, manifest);
    if (!locked.some((e) => e.labels?.claimed_sha256 === claim))
      at(
        '/source/labels',
        'labels/unverified',
        'warning',
        `${GROUND_TRUTH_UNVERIFIED}: source.labels or source changed since its last verified lock entry; regenerate on a runner that holds the data checks them`,
      );
  }

  for (const loaded of repo.selections) {
    const selection = loaded.value;
    if (!selection) continue;
    try {
      selectionQuery(selection, datasetsById.get(selection.dataset)?.value, loaded.file);
    } catch (error) {
      const message = messageOf(error).replace(`${loaded.file}: `, '');
      findings.push(
        findingAt(loaded, selection.where ? '/where' : '/sample', 'labels/selection-query', 'error', message),
      );
    }
  }
  return findings;
};
