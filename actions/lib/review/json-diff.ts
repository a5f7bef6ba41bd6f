import { pointerOf } from '../json/json-document.js';

/** One difference between two JSON values, by JSON pointer; values are left out on purpose. */
export interface FieldChange {
  pointer: string;
  kind: 'added' | 'removed' | 'changed';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The fields that differ between `before` and `after`: objects by key, arrays of equal length by
 * index (otherwise the whole array), anything else by value. A subtree added or removed is one change.
 */
export function diffJson(before: unknown, after: unknown, path: (string | number)[] = []): FieldChange[] {
  if (isObject(before) && isObject(after)) {
    const changes: FieldChange[] = [];
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) {
      if (key === '$schema') continue;
      if (!(key in after)) changes.push({ pointer: pointerOf([...path, key]), kind: 'removed' });
      else if (!(key in before)) changes.push({ pointer: pointerOf([...path, key]), kind: 'added' });
      else changes.push(...diffJson(before[key], after[key], [...path, key]));
    }
    return changes;
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((item, i) => diffJson(item, after[i], [...path, i]));
  }
  return JSON.stringify(before) === JSON.stringify(after)
    ? []
    : [{ pointer: pointerOf(path), kind: 'changed' }];
}
