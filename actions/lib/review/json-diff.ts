import { MAX_JSON_DEPTH, pointerOf } from '../json/json-document.js';

/** One difference between two JSON values, by JSON pointer; values are left out on purpose. */
export interface FieldChange {
  pointer: string;
  kind: 'added' | 'removed' | 'changed';
}

/** A JSON object (not null, not an array). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The fields that differ between `before` and `after`: objects by key, arrays of equal length by
 * index (otherwise the whole array), anything else by value. A subtree added or removed is one change.
 */
export function diffJson(before: unknown, after: unknown, path: (string | number)[] = []): FieldChange[] {
  // Past the depth validate allows, a subtree is one change: recursing (or stringifying) a value
  // nested thousands of levels deep would overflow the stack.
  if (path.length > MAX_JSON_DEPTH)
    return before === after ? [] : [{ pointer: pointerOf(path), kind: 'changed' }];
  if (isObject(before) && isObject(after)) {
    const changes: FieldChange[] = [];
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) {
      if (key === '$schema') continue;
      if (!Object.hasOwn(after, key)) changes.push({ pointer: pointerOf([...path, key]), kind: 'removed' });
      else if (!Object.hasOwn(before, key))
        changes.push({ pointer: pointerOf([...path, key]), kind: 'added' });
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
