import { isMap, isSeq, type Node } from 'yaml';
import { expressionsIn } from './expressions.js';
import { entriesOf, itemsOf, mapAt, nodeAt, stringOf } from './yaml-file.js';

/** Labels of GitHub-hosted runner images (standard and larger macOS/arm variants). */
const GITHUB_HOSTED =
  /^(?:(?:ubuntu|windows|macos)-(?:latest|\d+(?:\.\d+)?)(?:-(?:arm|arm64|large|xlarge))?|windows-11-arm|ubuntu-slim)$/;

/** True for a label that names a GitHub-hosted image. */
export function isGitHubHostedLabel(label: string): boolean {
  return GITHUB_HOSTED.test(label.trim());
}

/** Why a job may run on a self-hosted runner, or undefined when it is certainly GitHub-hosted. */
export interface SelfHostedReason {
  reason: string;
  node: Node;
}

/**
 * Decides whether a job's `runs-on` may pick a self-hosted runner: the `self-hosted` label, any label
 * that is not a GitHub-hosted image, a runner `group`, or an expression that may resolve to one of
 * those (matrix values, including `include` entries, are followed; anything else is assumed to).
 */
export function selfHostedRunner(job: unknown): SelfHostedReason | undefined {
  const runsOn = nodeAt(job, 'runs-on');
  if (runsOn === undefined) return undefined;
  return classify(runsOn, job, 0);
}

function classify(node: Node, job: unknown, depth: number): SelfHostedReason | undefined {
  if (isMap(node)) {
    if (nodeAt(node, 'group') !== undefined) return { reason: 'runs in a runner group', node };
    const labels = nodeAt(node, 'labels');
    return labels === undefined
      ? { reason: 'has a runs-on mapping without labels the policy can read', node }
      : classify(labels, job, depth);
  }
  if (isSeq(node)) {
    for (const item of itemsOf(node)) {
      const found = classify(item, job, depth);
      if (found) return found;
    }
    return undefined;
  }
  const label = stringOf(node);
  if (label === undefined) return { reason: 'has a runs-on value the policy cannot read', node };
  const expressions = expressionsIn(label);
  // Text around an expression makes a label of its own (`gpu-${{ matrix.os }}`): never a hosted image.
  if (expressions.length > 0 && label.trim() !== expressions[0]!.text)
    return { reason: `has the composed runner label "${label.trim()}"`, node };
  if (expressions.length === 0) {
    if (label.trim() === 'self-hosted') return { reason: 'has the self-hosted label', node };
    return isGitHubHostedLabel(label)
      ? undefined
      : { reason: `has the custom runner label "${label.trim()}"`, node };
  }
  for (const { inner } of expressions) {
    const found = classifyExpression(inner, node, job, depth);
    if (found) return found;
  }
  return undefined;
}

function classifyExpression(
  inner: string,
  node: Node,
  job: unknown,
  depth: number,
): SelfHostedReason | undefined {
  const matrixRef = /^matrix\.([\w-]+(?:\.[\w-]+)*)$/.exec(inner);
  if (matrixRef && depth < 4) {
    const candidates = matrixCandidates(job, matrixRef[1]!.split('.'));
    if (candidates === undefined)
      return { reason: `runs-on "${inner}" comes from a matrix the policy cannot read`, node };
    for (const candidate of candidates) {
      const found = classify(candidate, job, depth + 1);
      if (found)
        return { reason: `matrix value ${found.reason.replace(/^has the /, 'with the ')}`, node: found.node };
    }
    return undefined;
  }
  const literals = [...inner.matchAll(/'([^']*)'/g)].map((m) => m[1]!);
  const onlyHosted =
    literals.length > 0 &&
    literals.every(isGitHubHostedLabel) &&
    !/\b(?:inputs|vars|needs|fromJSON|env|steps|secrets)\b/.test(inner);
  return onlyHosted
    ? undefined
    : { reason: `runs-on expression "${inner}" may resolve to a self-hosted runner`, node };
}

/**
 * Every value `matrix.<path>` can take: from the matrix's own lists and from `include` entries.
 * Undefined when the matrix (or a value on the way) is an expression the policy cannot evaluate.
 */
function matrixCandidates(job: unknown, keyPath: string[]): Node[] | undefined {
  const matrix = nodeAt(mapAt(job, 'strategy'), 'matrix');
  if (matrix === undefined) return [];
  if (!isMap(matrix)) return undefined;
  const [first, ...rest] = keyPath;
  let values: Node[] = [];
  for (const [key, value] of entriesOf(matrix)) {
    if (key === first) {
      if (!isSeq(value)) return undefined;
      values.push(...itemsOf(value));
    } else if (key === 'include') {
      if (!isSeq(value)) return undefined;
      for (const entry of itemsOf(value)) {
        if (!isMap(entry)) return undefined;
        const v = nodeAt(entry, first!);
        if (v !== undefined) values.push(v);
      }
    }
  }
  for (const key of rest) {
    const next: Node[] = [];
    for (const v of values) {
      if (!isMap(v)) {
        if (stringOf(v)?.includes('${{')) return undefined;
        continue;
      }
      const child = nodeAt(v, key);
      if (child !== undefined) next.push(child);
    }
    values = next;
  }
  return values;
}
