/**
 * A local action's `with:` against the inputs its action.yml declares. GitHub only warns about an
 * undeclared input ("Unexpected input(s)") and runs the step without it, and never enforces
 * `required`: a misspelt `shard:` regenerates everything, a missing required input fails late or
 * silently. Both are errors here. Input names compare without case, as the runner compares them.
 */
import type { Node } from 'yaml';
import { entriesOf, mapAt, nodeAt, stringOf, type YamlFile } from './yaml-file.js';

export interface InputProblem {
  /** The `with:` key at fault, or the `uses:` node for a missing input. */
  node: Node | undefined;
  message: string;
}

/** Declared input names (as written) and those required without a default. */
export function declaredInputs(action: YamlFile): { names: string[]; required: string[] } {
  const inputs = entriesOf(mapAt(action.doc.contents, 'inputs'));
  return {
    names: inputs.map(([name]) => name),
    required: inputs
      .filter(
        ([, spec]) =>
          stringOf(nodeAt(spec, 'required'))?.trim().toLowerCase() === 'true' &&
          nodeAt(spec, 'default') === undefined,
      )
      .map(([name]) => name),
  };
}

/** Undeclared `with:` keys and required inputs left out, for a step that uses `action`. */
export function inputProblems(
  withMap: unknown,
  usesNode: Node | undefined,
  uses: string,
  action: YamlFile,
): InputProblem[] {
  const { names, required } = declaredInputs(action);
  const declared = new Set(names.map((n) => n.toLowerCase()));
  const given = entriesOf(withMap);
  const givenNames = new Set(given.map(([name]) => name.toLowerCase()));
  const problems: InputProblem[] = [];
  for (const [name, , key] of given)
    if (!declared.has(name.toLowerCase()))
      problems.push({
        node: key,
        message: `${uses} has no input "${name}" (${action.file} declares ${names.length > 0 ? names.join(', ') : 'none'}); GitHub would run the step without it`,
      });
  for (const name of required)
    if (!givenNames.has(name.toLowerCase()))
      problems.push({
        node: usesNode,
        message: `${uses} needs the input "${name}" (required in ${action.file}, no default), which this step does not set`,
      });
  return problems;
}

/**
 * An action that takes a `shard` and publishes (`publish:` other than none), run as one matrix copy
 * per shard: every copy force-pushes the same branch and the last one wins, so the pull request keeps
 * one shard's entries. Shards must hand their results to one job that publishes.
 */
export function shardedPublish(withMap: unknown, uses: string, action: YamlFile): InputProblem | undefined {
  const { names } = declaredInputs(action);
  const lower = new Set(names.map((n) => n.toLowerCase()));
  if (!lower.has('shard') || !lower.has('publish')) return undefined;
  const given = new Map(entriesOf(withMap).map(([name, value, key]) => [name.toLowerCase(), { value, key }]));
  const shard = stringOf(given.get('shard')?.value)?.trim();
  if (!shard) return undefined;
  const spec = entriesOf(mapAt(action.doc.contents, 'inputs')).find(
    ([n]) => n.toLowerCase() === 'publish',
  )?.[1];
  const publish = (
    stringOf(given.get('publish')?.value) ??
    stringOf(nodeAt(spec, 'default')) ??
    'none'
  ).trim();
  if (publish.toLowerCase() === 'none') return undefined;
  return {
    node: given.get('publish')?.key,
    message: `${uses} publishes (publish: ${publish}) from each copy of a matrix with shard: ${shard}; every copy pushes the same branch and the last one wins, losing the other shards' entries: set publish: none and publish once from a job that merges the shards' results`,
  };
}
