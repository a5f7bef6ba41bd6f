/**
 * Commands hidden outside `run:`: an env value a script `eval`s, a custom `shell:` template, the
 * `defaults.run.shell` of a job or workflow, an input of an action that runs commands. On a runner
 * next to the data an upload written there is as much an upload as one in a script.
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { uploadCommand } from './upload-rules.js';
import { entriesOf, stringOf } from './yaml-file.js';

/** Every string scalar under `node`, skipping the values of `skip` keys (already judged elsewhere). */
function scalarsUnder(node: unknown, skip: ReadonlySet<string>, depth = 0, out: Node[] = []): Node[] {
  if (depth > 16) return out;
  if (isScalar(node)) {
    if (typeof node.value === 'string') out.push(node);
  } else if (isSeq(node)) for (const item of node.items) scalarsUnder(item, skip, depth + 1, out);
  else if (isMap(node))
    for (const [key, value] of entriesOf(node)) if (!skip.has(key)) scalarsUnder(value, skip, depth + 1, out);
  return out;
}

/** Upload commands written in the scalars under `node`: the scalar and the kind of upload. */
export function hiddenUploads(node: unknown, skip: ReadonlySet<string> = new Set()): [Node, string][] {
  const found: [Node, string][] = [];
  for (const scalar of scalarsUnder(node, skip)) {
    const kind = (stringOf(scalar) ?? '').split('\n').map(uploadCommand).find(Boolean);
    if (kind) found.push([scalar, kind]);
  }
  return found;
}
