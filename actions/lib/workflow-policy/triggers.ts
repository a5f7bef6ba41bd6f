import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { type Scenario, scenariosFor } from './event-scenarios.js';
import { entriesOf, itemsOf, nodeAt, stringOf } from './yaml-file.js';

/** One event a workflow listens to, with its filter and where it is written. */
export interface Trigger {
  /** Lowercase: GitHub compares event names without case. */
  event: string;
  node: Node;
  config: Node | undefined;
}

/** The events of a workflow's `on:` (a name, a list, or a map of filters). */
export function triggersOf(workflow: unknown): Trigger[] {
  const on = nodeAt(workflow, 'on');
  if (on === undefined) return [];
  const named = (n: Node): Trigger[] => {
    const event = stringOf(n);
    return event ? [{ event: event.trim().toLowerCase(), node: n, config: undefined }] : [];
  };
  if (isScalar(on)) return named(on);
  if (isSeq(on)) return itemsOf(on).flatMap(named);
  return entriesOf(on).map(([event, config, key]) => ({
    event: event.trim().toLowerCase(),
    node: key,
    config,
  }));
}

function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|\\]/g, '\\$&')
    .replace(/\*\*/g, '\u0000')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '.')
    .replace(/\u0000/g, '.*');
  return new RegExp(`^${body}$`);
}

function matchesAny(patterns: string[], name: string): boolean {
  let matched = false;
  for (const p of patterns) {
    if (p.startsWith('!')) {
      if (globToRegExp(p.slice(1)).test(name)) matched = false;
    } else if (globToRegExp(p).test(name)) matched = true;
  }
  return matched;
}

/**
 * The scenarios a trigger can start. Only `push` filters narrow them (to the default branch alone
 * when `branches:` lists nothing but its exact name); every other filter leaves all scenarios, since
 * a pull request's author picks its base branch and its paths.
 */
export function triggerScenarios(trigger: Trigger, defaultBranches: readonly string[]): Scenario[] {
  const main = defaultBranches[0] ?? 'main';
  const all = scenariosFor(trigger.event, main);
  if (trigger.event !== 'push' || !isMap(trigger.config)) return all;
  const list = (key: string) => {
    const node = nodeAt(trigger.config, key);
    return node === undefined ? undefined : itemsOf(node).map((n) => stringOf(n) ?? '\u0000unknown');
  };
  const branches = list('branches');
  const branchesIgnore = list('branches-ignore');
  const tags = list('tags');
  const tagsIgnore = list('tags-ignore');
  const branchFilter = branches !== undefined || branchesIgnore !== undefined;
  const tagFilter = tags !== undefined || tagsIgnore !== undefined;
  const branchPushes = branchFilter || !tagFilter;
  const tagPushes = tagFilter || !branchFilter;
  const onlyDefault =
    branches !== undefined && branches.length > 0 && branches.every((b) => defaultBranches.includes(b));
  return all.filter((s) => {
    if (s.id === 'push/default')
      return (
        branchPushes &&
        (branches === undefined || matchesAny(branches, main)) &&
        !(branchesIgnore && matchesAny(branchesIgnore, main))
      );
    if (s.id.startsWith('push/refs/tags/')) return tagPushes;
    return branchPushes && !onlyDefault;
  });
}
