import { type Finding, sortFindings } from '../findings/finding.js';
import { loadRepository, type Repository } from '../repository/load-repository.js';
import type { DatasetManifest } from '../schema/dataset-manifest.js';
import type { LockEntry } from '../schema/lock.js';
import { TERM_NAMES, type TermAnswer, type TermName } from '../schema/vocabulary.js';
import type { Rule, RuleContext } from './rule.js';
import { burnedInAnnotationRule } from './rules/burned-in-annotation.js';
import { burnedInTextRule } from './rules/burned-in-text.js';
import { citationRule } from './rules/citation.js';
import { citationsFileRule } from './rules/citations-file.js';
import { dataUseTermsRule } from './rules/data-use-terms.js';
import { domainCoherenceRule } from './rules/domain-coherence.js';
import { foldedCollisionsRule } from './rules/folded-collisions.js';
import { groundTruthRule } from './rules/ground-truth.js';
import { identityRule } from './rules/identity.js';
import { phiRule } from './rules/phi.js';
import { referencesRule } from './rules/references.js';
import { sourcePathsRule } from './rules/source-paths.js';
import { syntheticSpecRule } from './rules/synthetic-spec.js';

/** The rules, in the order a reviewer reads them. */
export const RULES: readonly Rule[] = [
  identityRule,
  foldedCollisionsRule,
  referencesRule,
  syntheticSpecRule,
  domainCoherenceRule,
  citationRule,
  citationsFileRule,
  dataUseTermsRule,
  phiRule,
  sourcePathsRule,
  burnedInAnnotationRule,
  groundTruthRule,
  burnedInTextRule,
];

/** Per used dataset: what a reviewer needs to see in a summary. */
export interface DatasetUse {
  id: string;
  title: string;
  scenarios: string[];
  doi: string | null;
  acknowledgement: boolean;
  references: number;
  terms: Record<TermName, TermAnswer>;
}

export interface ValidationReport {
  findings: Finding[];
  counts: { datasets: number; scenarios: number; locks: number; lockEntries: number; selections: number };
  datasetsUsed: DatasetUse[];
  intendedUse: string[];
}

function contextOf(repo: Repository): RuleContext {
  const datasetsById: RuleContext['datasetsById'] = new Map();
  for (const d of repo.datasets) {
    // On duplicate ids the first file wins here; the identity rule reports the second.
    if (d.value && !datasetsById.has(d.value.id)) datasetsById.set(d.value.id, { ...d, value: d.value });
  }
  // One pass over every lock entry, shared by the rules that match scenarios to locks. Only entries a
  // scenario names are kept: a lock may hold hundreds of thousands.
  const key = (dataset: string, output: string, sourcePath: string) =>
    `${dataset}\u0000${output}\u0000${sourcePath}`;
  const lockEntries = new Map<string, LockEntry[]>();
  for (const s of repo.scenarios) {
    if (s.value?.source)
      lockEntries.set(key(s.value.source.dataset, s.value.image_file, s.value.source.path), []);
  }
  if (lockEntries.size > 0) {
    for (const lock of repo.locks) {
      if (!lock.value) continue;
      for (const e of lock.value.entries)
        lockEntries.get(key(lock.value.dataset, e.output, e.source.path))?.push(e);
    }
  }
  const none: readonly LockEntry[] = [];
  return {
    repo,
    datasetsById,
    lockEntriesFor: (dataset, output, sourcePath) =>
      lockEntries.get(key(dataset, output, sourcePath)) ?? none,
  };
}

function datasetUse(dataset: DatasetManifest, scenarios: string[]): DatasetUse {
  return {
    id: dataset.id,
    title: dataset.title,
    scenarios,
    doi: dataset.dataset_doi,
    acknowledgement: dataset.citation.acknowledgement.trim() !== '',
    references: dataset.citation.references.length,
    terms: Object.fromEntries(TERM_NAMES.map((t) => [t, dataset.licence.terms[t]])) as Record<
      TermName,
      TermAnswer
    >,
  };
}

/**
 * Checks a repository: schema, identity, references, synthetic specs, domain coherence, citations,
 * data-use terms, PHI and burned-in annotation of locked sources.
 */
export async function validateRepository(root: string): Promise<ValidationReport> {
  const repo = await loadRepository(root);
  const context = contextOf(repo);
  const findings = [...repo.findings];
  for (const rule of RULES) findings.push(...(await rule(context)));

  const scenariosByDataset = new Map<string, string[]>();
  for (const s of repo.scenarios) {
    if (!s.value?.source) continue;
    const list = scenariosByDataset.get(s.value.source.dataset) ?? [];
    list.push(s.value.id);
    scenariosByDataset.set(s.value.source.dataset, list);
  }
  const datasetsUsed = [...scenariosByDataset.entries()]
    .filter(([id]) => context.datasetsById.has(id))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, scenarios]) => datasetUse(context.datasetsById.get(id)!.value, scenarios.sort()));

  return {
    findings: sortFindings(findings),
    counts: {
      datasets: repo.datasets.length,
      scenarios: repo.scenarios.length,
      locks: repo.locks.length,
      lockEntries: repo.locks.reduce((n, l) => n + (l.value?.entries.length ?? 0), 0),
      selections: repo.selections.length,
    },
    datasetsUsed,
    intendedUse: repo.policy?.value?.intended_use ?? [],
  };
}
