import { jsonTextTooLarge } from '../json/json-limits.js';
import { LAYOUT } from '../repository/repository-layout.js';
import type { LockChange, UnreadableFile } from './review-report.js';
import type { Snapshot } from './snapshot.js';

interface ParsedLock {
  dataset?: string;
  tools: string;
  /** Output path → the entry as canonical text. */
  entries: Map<string, string>;
}

function parseLock(
  file: string,
  text: string,
  side: 'base' | 'head',
  unreadable: UnreadableFile[],
): ParsedLock | undefined {
  const tooLarge = jsonTextTooLarge('lock', text);
  if (tooLarge) {
    unreadable.push({ file, side, reason: tooLarge });
    return undefined;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    unreadable.push({ file, side, reason: 'invalid JSON' });
    return undefined;
  }
  const lock = value as { dataset?: unknown; tools?: unknown; entries?: unknown };
  if (typeof lock !== 'object' || lock === null || !Array.isArray(lock.entries)) {
    unreadable.push({ file, side, reason: 'not a lock (no entries array)' });
    return undefined;
  }
  const entries = new Map<string, string>();
  lock.entries.forEach((entry, i) => {
    const output = (entry as { output?: unknown })?.output;
    entries.set(typeof output === 'string' ? output : `#${i}`, JSON.stringify(entry));
  });
  return {
    ...(typeof lock.dataset === 'string' ? { dataset: lock.dataset } : {}),
    tools: JSON.stringify(lock.tools ?? null),
    entries,
  };
}

/**
 * Per lock file, how many entries (keyed by output path) were added, removed or changed: what a
 * reviewer of a regeneration pull request needs, in numbers only.
 */
export function lockChanges(base: Snapshot, head: Snapshot, unreadable: UnreadableFile[]): LockChange[] {
  const isLock = (file: string) => file.startsWith(`${LAYOUT.locksDir}/`);
  const files = [...new Set([...base.keys(), ...head.keys()].filter(isLock))].sort();
  const changes: LockChange[] = [];
  for (const file of files) {
    const beforeText = base.get(file);
    const afterText = head.get(file);
    if (beforeText === afterText) continue;
    const before = beforeText === undefined ? undefined : parseLock(file, beforeText, 'base', unreadable);
    const after = afterText === undefined ? undefined : parseLock(file, afterText, 'head', unreadable);
    if ((beforeText !== undefined && !before) || (afterText !== undefined && !after)) continue;
    let added = 0;
    let removed = 0;
    let changed = 0;
    for (const [output, entry] of after?.entries ?? []) {
      const old = before?.entries.get(output);
      if (old === undefined) added++;
      else if (old !== entry) changed++;
    }
    for (const output of before?.entries.keys() ?? []) if (!after?.entries.has(output)) removed++;
    const dataset = after?.dataset ?? before?.dataset;
    changes.push({
      file,
      ...(dataset ? { dataset } : {}),
      change: !before ? 'added' : !after ? 'removed' : 'changed',
      entriesAdded: added,
      entriesRemoved: removed,
      entriesChanged: changed,
      toolsChanged: before !== undefined && after !== undefined && before.tools !== after.tools,
    });
  }
  return changes;
}
