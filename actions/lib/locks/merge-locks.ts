import type { LockEntry } from '../schema/lock.js';
import { compareCodeUnits } from './canonical-json.js';
import { entryKey } from './lock-format.js';
import type { DatasetLocks } from './lock-store.js';

/** The locks one shard run produced (its copy of the whole locks directory). */
export interface MergeSide {
  /** A name for messages, e.g. the directory it came from. */
  name: string;
  locks: Map<string, DatasetLocks>;
}

/** The merged entries of one dataset, and the tools of the sides that changed it. */
export interface MergedDataset {
  dataset: string;
  entries: LockEntry[];
  changed: boolean;
  tools: Record<string, string>;
  /** Compared with the base. */
  counts: { added: number; changed: number; removed: number; unchanged: number; failed: number };
}

export interface MergeResult {
  datasets: MergedDataset[];
  /** Outputs two sides changed differently; the merge writes nothing when there is any. */
  conflicts: string[];
}

/**
 * Three-way merge of shard locks against the base they all started from. For each output, a side
 * that left the base entry alone has no say; if one side (or several, identically) added, changed or
 * removed it, that wins; two different changes are a conflict. Because shard runs own disjoint
 * outputs, merging every shard, in any order, gives the locks of one unsharded run.
 */
export function mergeLocks(base: Map<string, DatasetLocks>, sides: readonly MergeSide[]): MergeResult {
  const datasets = new Set<string>(base.keys());
  for (const side of sides) for (const d of side.locks.keys()) datasets.add(d);
  const conflicts: string[] = [];
  const merged: MergedDataset[] = [];
  for (const dataset of [...datasets].sort(compareCodeUnits)) {
    const baseEntries = base.get(dataset)?.entries ?? new Map<string, LockEntry>();
    const outputs = new Set<string>(baseEntries.keys());
    for (const side of sides) for (const o of side.locks.get(dataset)?.entries.keys() ?? []) outputs.add(o);
    const entries: LockEntry[] = [];
    const changers = new Set<MergeSide>();
    for (const output of outputs) {
      const baseEntry = baseEntries.get(output);
      const baseKey = baseEntry ? entryKey(baseEntry) : undefined;
      const changes = new Map<string | undefined, { entry?: LockEntry; sides: MergeSide[] }>();
      for (const side of sides) {
        const entry = side.locks.get(dataset)?.entries.get(output);
        const key = entry ? entryKey(entry) : undefined;
        if (key === baseKey) continue;
        const change = changes.get(key) ?? { entry, sides: [] };
        change.sides.push(side);
        changes.set(key, change);
      }
      if (changes.size > 1) {
        const names = [...changes.values()].flatMap((c) => c.sides.map((s) => s.name));
        conflicts.push(`${dataset}: ${output} changed differently by ${names.join(', ')}`);
        continue;
      }
      const [change] = [...changes.values()];
      if (change) for (const s of change.sides) changers.add(s);
      const entry = change ? change.entry : baseEntry;
      if (entry) entries.push(entry);
    }
    const tools = mergeTools(
      [...changers].flatMap((s) => changedFileTools(base.get(dataset), s.locks.get(dataset))),
    );
    const counts = { added: 0, changed: 0, removed: 0, unchanged: 0, failed: 0 };
    const kept = new Set<string>();
    for (const entry of entries) {
      kept.add(entry.output);
      const before = baseEntries.get(entry.output);
      if (!before) counts.added++;
      else if (before === entry || entryKey(before) === entryKey(entry)) counts.unchanged++;
      else counts.changed++;
    }
    for (const output of baseEntries.keys()) if (!kept.has(output)) counts.removed++;
    merged.push({ dataset, entries, changed: changers.size > 0, tools, counts });
  }
  return { datasets: merged, conflicts: conflicts.sort(compareCodeUnits) };
}

/** Tools of the files a side rewrote (an untouched file still carries the base's tools). */
function changedFileTools(
  base: DatasetLocks | undefined,
  side: DatasetLocks | undefined,
): Record<string, string>[] {
  const baseTexts = new Set(base?.files.map((f) => f.text) ?? []);
  return (side?.files ?? []).filter((f) => !baseTexts.has(f.text)).map((f) => f.lock.tools);
}

/** Union of tool versions; where runners differed, every version is named (sorted), not one hidden. */
export function mergeTools(all: readonly Record<string, string>[]): Record<string, string> {
  const values = new Map<string, Set<string>>();
  for (const tools of all) {
    for (const [name, version] of Object.entries(tools)) {
      for (const v of version.split(' | ')) values.set(name, (values.get(name) ?? new Set()).add(v));
    }
  }
  return Object.fromEntries(
    [...values]
      .sort(([a], [b]) => compareCodeUnits(a, b))
      .map(([k, v]) => [k, [...v].sort(compareCodeUnits).join(' | ')]),
  );
}
