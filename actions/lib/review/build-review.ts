import path from 'node:path';
import { jsonTextTooLarge } from '../json/json-limits.js';
import { GROUND_TRUTH_UNVERIFIED } from '../labels/unverified-notice.js';
import { LAYOUT } from '../repository/repository-layout.js';
import { diffJson, type FieldChange, isObject } from './json-diff.js';
import { lockChanges } from './lock-changes.js';
import type {
  DatasetChange,
  DatasetUse,
  RegenerationNeed,
  ReviewReport,
  ScenarioChange,
  ScenarioRef,
  UnreadableFile,
} from './review-report.js';
import type { Snapshot } from './snapshot.js';

type Json = Record<string, unknown>;
interface Parsed {
  file: string;
  key: string;
  value: Json;
}

const ATTENTION = new Set(['prohibited', 'requires-agreement', 'unknown']);

/** Parses the files of one kind, keyed by their `id` (or file name when there is none). */
function parseKind(
  snapshot: Snapshot,
  dir: string,
  side: 'base' | 'head',
  unreadable: UnreadableFile[],
): Map<string, Parsed> {
  const byKey = new Map<string, Parsed>();
  for (const [file, text] of snapshot) {
    if (path.posix.dirname(file) !== dir) continue;
    const tooLarge = jsonTextTooLarge(dir === LAYOUT.scenariosDir ? 'scenario' : 'dataset', text);
    if (tooLarge) {
      unreadable.push({ file, side, reason: tooLarge });
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      unreadable.push({ file, side, reason: 'invalid JSON' });
      continue;
    }
    if (!isObject(value)) {
      unreadable.push({ file, side, reason: 'not a JSON object' });
      continue;
    }
    const key = typeof value.id === 'string' ? value.id : file;
    if (byKey.has(key))
      unreadable.push({ file, side, reason: `second file with id "${key}" (only the first is compared)` });
    else byKey.set(key, { file, key, value });
  }
  return byKey;
}

function datasetOf(scenario: Json): string | undefined {
  const source = scenario.source;
  return isObject(source) && typeof source.dataset === 'string' ? source.dataset : undefined;
}

function ref(p: Parsed): ScenarioRef {
  const dataset = datasetOf(p.value);
  return { id: p.key, file: p.file, ...(dataset ? { dataset } : {}) };
}

function regenerationNeeds(
  before: Json | undefined,
  after: Parsed,
  fields: FieldChange[],
): RegenerationNeed[] {
  const needs: RegenerationNeed[] = [];
  const touched = (prefix: string) =>
    fields.some((f) => f.pointer === prefix || f.pointer.startsWith(`${prefix}/`));
  const need = (reason: string) => needs.push({ scenario: after.key, file: after.file, reason });
  if (isObject(after.value.source)) {
    if (!before || !isObject(before.source))
      need('new real source: the processed image and its lock entry must be made');
    else if (touched('/source/recipe'))
      need('recipe changed: the processed image and its lock entry must be made again');
    else if (touched('/source/path') || touched('/source/dataset'))
      need('source changed: the processed image and its lock entry must be made again');
  }
  // Issue 18: labels a runner has not checked against the label files yet.
  const labels = isObject(after.value.source) ? after.value.source.labels : undefined;
  const claimTouched = ['/source/labels', '/source/path', '/source/dataset', '/source/recipe/select'].some(
    touched,
  );
  if (isObject(labels) && Object.keys(labels).length > 0 && (!before || claimTouched))
    need(`${GROUND_TRUTH_UNVERIFIED}: source.labels or source changed; regenerate checks them on a runner`);
  if (before && isObject(after.value.synthetic) && touched('/synthetic')) {
    need('synthetic block changed: render the synthetic image again and commit it');
  }
  return needs;
}

function datasetUse(id: string, manifest: Parsed | undefined): DatasetUse {
  if (!manifest) {
    return {
      id,
      acknowledgement: 'missing',
      doi: null,
      references: 0,
      terms: {},
      termsNeedingAttention: [],
      missingManifest: true,
    };
  }
  const m = manifest.value;
  const citation = isObject(m.citation) ? m.citation : {};
  const licence = isObject(m.licence) ? m.licence : {};
  const terms: Record<string, string> = {};
  if (isObject(licence.terms)) for (const [k, v] of Object.entries(licence.terms)) terms[k] = String(v);
  return {
    id,
    file: manifest.file,
    ...(typeof m.title === 'string' ? { title: m.title } : {}),
    acknowledgement:
      typeof citation.acknowledgement === 'string' && citation.acknowledgement.trim() ? 'present' : 'missing',
    doi: typeof m.dataset_doi === 'string' ? m.dataset_doi : null,
    ...(typeof m.dataset_doi_missing_reason === 'string'
      ? { doiMissingReason: m.dataset_doi_missing_reason }
      : {}),
    references: Array.isArray(citation.references) ? citation.references.length : 0,
    ...(typeof licence.name === 'string' ? { licence: licence.name } : {}),
    terms,
    termsNeedingAttention: Object.entries(terms)
      .filter(([, v]) => ATTENTION.has(v))
      .map(([k, v]) => `${k}: ${v}`),
  };
}

/**
 * Compares two snapshots: scenarios added, removed and changed (by id, with the fields that changed),
 * what must be regenerated, datasets newly used with their citation and terms, dataset manifests,
 * policy and locks changed. Field pointers only; no values, so the report can go into a public comment.
 */
export function buildReview(baseRef: string, base: Snapshot, head: Snapshot): ReviewReport {
  const unreadable: UnreadableFile[] = [];
  const baseScenarios = parseKind(base, LAYOUT.scenariosDir, 'base', unreadable);
  const headScenarios = parseKind(head, LAYOUT.scenariosDir, 'head', unreadable);
  const baseDatasets = parseKind(base, LAYOUT.datasetsDir, 'base', unreadable);
  const headDatasets = parseKind(head, LAYOUT.datasetsDir, 'head', unreadable);

  const added: ScenarioRef[] = [];
  const removed: ScenarioRef[] = [];
  const changed: ScenarioChange[] = [];
  const regeneration: RegenerationNeed[] = [];
  for (const [key, after] of headScenarios) {
    const before = baseScenarios.get(key);
    if (!before) {
      added.push(ref(after));
      regeneration.push(...regenerationNeeds(undefined, after, []));
      continue;
    }
    const fields = diffJson(before.value, after.value);
    if (fields.length === 0 && before.file === after.file) continue;
    changed.push({
      ...ref(after),
      ...(before.file !== after.file ? { previousFile: before.file } : {}),
      fields,
    });
    regeneration.push(...regenerationNeeds(before.value, after, fields));
  }
  for (const [key, before] of baseScenarios) if (!headScenarios.has(key)) removed.push(ref(before));

  const usedBefore = new Set([...baseScenarios.values()].flatMap((p) => datasetOf(p.value) ?? []));
  const usedAfter = [...new Set([...headScenarios.values()].flatMap((p) => datasetOf(p.value) ?? []))].sort();
  const datasetsNewlyUsed = usedAfter
    .filter((id) => !usedBefore.has(id))
    .map((id) => datasetUse(id, headDatasets.get(id)));

  const datasets: DatasetChange[] = [];
  const termsTouched = (fields: FieldChange[]) => fields.some((f) => f.pointer.startsWith('/licence'));
  for (const [key, after] of headDatasets) {
    const before = baseDatasets.get(key);
    if (!before) {
      datasets.push({ id: key, file: after.file, change: 'added', fields: [], termsChanged: true });
      continue;
    }
    const fields = diffJson(before.value, after.value);
    if (fields.length > 0)
      datasets.push({
        id: key,
        file: after.file,
        change: 'changed',
        fields,
        termsChanged: termsTouched(fields),
      });
  }
  for (const [key, before] of baseDatasets) {
    if (!headDatasets.has(key))
      datasets.push({ id: key, file: before.file, change: 'removed', fields: [], termsChanged: false });
  }

  const policy = policyChanges(base.get(LAYOUT.policyFile), head.get(LAYOUT.policyFile));
  const byId = <T extends { id: string }>(a: T, b: T) => a.id.localeCompare(b.id);
  return {
    base: baseRef,
    scenarios: { added: added.sort(byId), removed: removed.sort(byId), changed: changed.sort(byId) },
    regeneration: regeneration.sort((a, b) => a.scenario.localeCompare(b.scenario)),
    datasetsNewlyUsed,
    datasets: datasets.sort(byId),
    policy,
    locks: lockChanges(base, head, unreadable),
    unreadable,
  };
}

function policyChanges(before: string | undefined, after: string | undefined): FieldChange[] {
  if (before === after) return [];
  if (before === undefined) return [{ pointer: '', kind: 'added' }];
  if (after === undefined) return [{ pointer: '', kind: 'removed' }];
  if (jsonTextTooLarge('policy', before) || jsonTextTooLarge('policy', after))
    return [{ pointer: '', kind: 'changed' }];
  try {
    return diffJson(JSON.parse(before), JSON.parse(after));
  } catch {
    return [{ pointer: '', kind: 'changed' }];
  }
}
