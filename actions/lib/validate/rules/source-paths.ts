import { datasetLayouts, derivedOutput } from '../../datasets/dataset-layouts.js';
import { acceptsPersonNames, layoutEntryProblems, SAFE_NAME } from '../../datasets/layout-path.js';
import type { Finding } from '../../findings/finding.js';
import { pointerToken } from '../../json/json-document.js';
import { findingAt, type Rule } from '../rule.js';

const RULE = 'phi/source-path';

/** Per lock file: past this many, one finding says how many more (a lock may hold 224,316 entries). */
const LOCK_FINDINGS_LIMIT = 20;

/**
 * Source paths follow their dataset's layout (its globs, their name patterns and patient_id_pattern)
 * in scenarios, selection globs and lock entries: a path is copied into locks, commits and logs, so a
 * folder named after a patient must never get that far. Messages say which segment and which layout
 * pattern, never the path's text. Each layout glob should hold every wildcard name to a pattern.
 */
export const sourcePathsRule: Rule = ({ repo, datasetsById }) => {
  const findings: Finding[] = [];
  const layouts = datasetLayouts(repo.datasets);

  for (const loaded of repo.datasets) {
    const manifest = loaded.value;
    if (!manifest) continue;
    try {
      if (acceptsPersonNames(manifest.patient_id_pattern))
        findings.push(
          findingAt(
            loaded,
            '/patient_id_pattern',
            RULE,
            'error',
            "patient_id_pattern also accepts a person's name written in plain letters; give the pseudonym's exact form (e.g. ^patient\\d{5}$)",
          ),
        );
    } catch {
      findings.push(
        findingAt(
          loaded,
          '/patient_id_pattern',
          RULE,
          'error',
          'patient_id_pattern is not a valid regular expression',
        ),
      );
    }
    for (const [i, entry] of manifest.layout.entries.entries()) {
      if (entry.kind !== 'glob') continue;
      const at = `/layout/entries/${i}`;
      const { invalid, unused, open } = layoutEntryProblems(
        entry.path,
        entry.names ?? {},
        manifest.patient_id_pattern,
      );
      for (const key of invalid)
        findings.push(
          findingAt(
            loaded,
            `${at}/names/${pointerToken(key)}`,
            RULE,
            'error',
            'not a valid regular expression',
          ),
        );
      for (const key of unused)
        findings.push(
          findingAt(
            loaded,
            `${at}/names/${pointerToken(key)}`,
            RULE,
            'warning',
            `names key "${key}" is neither a wildcard segment of ${entry.path} nor its number`,
          ),
        );
      if (open.length > 0)
        findings.push(
          findingAt(
            loaded,
            `${at}/path`,
            'phi/layout-name',
            'warning',
            `segment${open.length === 1 ? '' : 's'} ${open.join(', ')} of ${entry.path} ${open.length === 1 ? 'has' : 'have'} no name pattern: any plain ASCII name passes there, a patient's name too; add one under "names"`,
          ),
        );
    }
  }

  const noManifest = (loaded: Parameters<typeof findingAt>[0], dataset: string) =>
    findings.push(
      findingAt(
        loaded,
        '/dataset',
        RULE,
        'error',
        `dataset "${dataset}" has no manifest, so its source paths cannot be held to a layout`,
      ),
    );

  for (const loaded of repo.scenarios) {
    const source = loaded.value?.source;
    if (!source || !datasetsById.has(source.dataset)) continue; // references/dataset reports it
    const verdict = layouts.check(source.dataset, source.path);
    if (!verdict.ok)
      findings.push(
        findingAt(
          loaded,
          '/source/path',
          RULE,
          'error',
          `source.path does not follow the ${source.dataset} layout: ${verdict.reason}`,
        ),
      );
    if (source.recipe.kind === 'nifti' && source.recipe.segmentation) {
      const dir = source.path.includes('/') ? source.path.slice(0, source.path.lastIndexOf('/') + 1) : '';
      const label = layouts.check(source.dataset, `${dir}${source.recipe.segmentation}`);
      if (!label.ok)
        findings.push(
          findingAt(
            loaded,
            '/source/recipe/segmentation',
            RULE,
            'error',
            `the segmentation, beside source.path, does not follow the ${source.dataset} layout: ${label.reason}`,
          ),
        );
    }
  }

  for (const loaded of repo.selections) {
    const selection = loaded.value;
    if (!selection) continue;
    if (!datasetsById.has(selection.dataset)) {
      noManifest(loaded, selection.dataset);
      continue;
    }
    // Every output path starts with it, and outputs reach locks and logs.
    if (
      !selection.output_dir
        .replace(/\/+$/, '')
        .split('/')
        .every((s) => SAFE_NAME.test(s))
    )
      findings.push(
        findingAt(
          loaded,
          '/output_dir',
          RULE,
          'error',
          'output_dir may hold only plain ASCII names (letters, digits, . _ -)',
        ),
      );
    for (const key of ['include', 'exclude'] as const) {
      for (const [i, glob] of selection[key].entries()) {
        const verdict = layouts.checkGlob(selection.dataset, glob);
        if (!verdict.ok)
          findings.push(
            findingAt(
              loaded,
              `/${key}/${i}`,
              RULE,
              'error',
              `${key}[${i}] does not follow the ${selection.dataset} layout: ${verdict.reason}`,
            ),
          );
      }
    }
  }

  // Scenario outputs by (dataset, source path): a lock entry's output is one of them or `<dir>/<source>.png`.
  const scenarioOutputs = new Set<string>();
  for (const s of repo.scenarios)
    if (s.value?.source)
      scenarioOutputs.add(`${s.value.source.dataset}\0${s.value.source.path}\0${s.value.image_file}`);
  for (const loaded of repo.locks) {
    const lock = loaded.value;
    if (!lock) continue;
    if (!datasetsById.has(lock.dataset)) {
      noManifest(loaded, lock.dataset);
      continue;
    }
    // Located after the loop in one prefetch: each position costs a scan of a large lock otherwise.
    const shown: [string, string][] = [];
    let more = 0;
    const report = (pointer: string, message: string) => {
      if (shown.length < LOCK_FINDINGS_LIMIT) shown.push([pointer, message]);
      else more++;
    };
    for (const [i, entry] of lock.entries.entries()) {
      const verdict = layouts.check(lock.dataset, entry.source.path);
      if (!verdict.ok) {
        report(
          `/entries/${i}/source/path`,
          `entry ${i}: source.path does not follow the ${lock.dataset} layout: ${verdict.reason}`,
        );
      } else if (
        !derivedOutput(entry.output, entry.source.path) &&
        !scenarioOutputs.has(`${lock.dataset}\0${entry.source.path}\0${entry.output}`) &&
        !entry.output.split('/').every((s) => SAFE_NAME.test(s))
      ) {
        // Like a scenario's image_file, an output of its own naming may use plain ASCII names only.
        report(
          `/entries/${i}/output`,
          `entry ${i}: output is not <output_dir>/<source.path>.png, not a scenario's image_file, and not made of plain ASCII names`,
        );
      }
    }
    loaded.doc?.prefetch(shown.map(([pointer]) => pointer));
    for (const [pointer, message] of shown) findings.push(findingAt(loaded, pointer, RULE, 'error', message));
    if (more > 0)
      findings.push({
        rule: RULE,
        severity: 'error',
        file: loaded.file,
        message: `and ${more} more entries whose paths do not follow the ${lock.dataset} layout`,
      });
  }
  return findings;
};
