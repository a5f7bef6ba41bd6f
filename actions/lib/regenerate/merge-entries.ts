import type { DatasetLocks } from '../locks/lock-store.js';
import type { LockEntry } from '../schema/lock.js';
import type { DatasetCounts } from './commit-record.js';
import { type Plan, upToDate } from './plan.js';
import type { ItemOutcome } from './process-item.js';
import type { FailedItem } from './regenerate-types.js';
import { unprocessedFailure } from './run-failures.js';

/**
 * The new entries of each dataset: previous entries outside this run's share stay, removed ones go,
 * failed items keep theirs, and each outcome replaces its item's entry. Counts every planned item
 * and removal; an item with neither outcome nor failure is failed here (interrupted, or its source gone).
 */
export function mergeEntries(
  plan: Plan,
  datasets: readonly string[],
  locks: ReadonlyMap<string, DatasetLocks>,
  outcomes: ReadonlyMap<string, ItemOutcome>,
  counts: Record<string, DatasetCounts>,
  failures: FailedItem[],
): Map<string, LockEntry[]> {
  const removed = new Set(plan.removals.map((r) => `${r.dataset}\0${r.entry.output}`));
  const entriesByDataset = new Map<string, Map<string, LockEntry>>();
  for (const dataset of datasets) {
    const previous = locks.get(dataset)?.entries ?? new Map<string, LockEntry>();
    const merged = new Map<string, LockEntry>();
    for (const [output, entry] of previous)
      if (!removed.has(`${dataset}\0${output}`)) merged.set(output, entry);
    entriesByDataset.set(dataset, merged);
  }
  for (const r of plan.removals) counts[r.dataset]!.removed++;
  const failed = new Set(failures.map((f) => f.output));
  for (const planned of plan.items) {
    const { item, previous } = planned;
    const c = counts[item.dataset]!;
    const outcome = outcomes.get(item.output);
    if (upToDate(planned)) c.unchanged++;
    else if (!outcome) {
      c.failed++;
      if (!failed.has(item.output)) failures.push(unprocessedFailure(item, planned.source !== undefined));
    } else {
      c[outcome.status]++;
      if (outcome.entry !== previous) entriesByDataset.get(item.dataset)!.set(item.output, outcome.entry);
    }
  }
  return new Map([...entriesByDataset].map(([d, m]) => [d, [...m.values()]]));
}
