import type { Expr } from '@actions/expressions';
import { ContextAccess, Grouping, IndexAccess, Literal, Logical, Star } from '@actions/expressions/ast';
import { isMap, isSeq, type Node } from 'yaml';
import { parseExpression } from './expression-eval.js';
import { expressionsIn } from './expressions.js';
import { contextPaths } from './taint.js';
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
  let expr: Expr;
  try {
    expr = parseExpression(inner);
  } catch {
    return { reason: `runs-on expression "${inner}" cannot be read`, node };
  }
  // Every value the expression can yield as a label: literals, matrix values, or unknown.
  for (const result of results(expr, false)) {
    if (typeof result === 'string') {
      if (!isGitHubHostedLabel(result))
        return { reason: `runs-on expression "${inner}" may yield the runner label "${result}"`, node };
      continue;
    }
    if (result.matrix && depth < 4) {
      const candidates = matrixCandidates(job, result.matrix);
      if (candidates === undefined)
        return { reason: `runs-on "${inner}" comes from a matrix the policy cannot read`, node };
      for (const candidate of candidates) {
        const found = classify(candidate, job, depth + 1);
        if (found)
          return {
            reason: `matrix value ${found.reason.replace(/^has the /, 'with the ')}`,
            node: found.node,
          };
      }
      continue;
    }
    // A branch name, a title, a variable: whoever writes it picks the runner.
    return { reason: `runs-on expression "${inner}" may resolve to a self-hosted runner`, node };
  }
  return undefined;
}

type Result = string | { matrix?: string[] };

/**
 * What an expression can evaluate to, as far as a label goes. `a || b` yields a truthy `a` or
 * `b`; `a && b` yields `b` (a falsy `a` is no label at all); anything but a string literal or a
 * matrix value (a context, a function, a comparison's `true`) is unknown.
 */
function results(e: Expr, truthyOnly: boolean): Result[] {
  if (e instanceof Grouping) return results(e.group, truthyOnly);
  if (e instanceof Literal) {
    const v = (e.literal as { value?: unknown }).value;
    if (typeof v === 'string') return truthyOnly && v === '' ? [] : [v];
    // null, false, 0 are no label; true or a number is a label of its own.
    return v === null || v === false || v === 0 ? [] : [String(v)];
  }
  if (e instanceof Logical) {
    const or = e.operator.lexeme === '||';
    const last = e.args.length - 1;
    return e.args.flatMap((a, i) => {
      if (i === last) return results(a, truthyOnly);
      return or ? results(a, true) : [];
    });
  }
  const paths = contextPaths(e);
  if (
    paths.length === 1 &&
    paths[0]![0] === 'matrix' &&
    paths[0]!.length > 1 &&
    !paths[0]!.includes('*') &&
    isMatrixAccess(e)
  )
    return [{ matrix: paths[0]!.slice(1) }];
  return [{}];
}

function isMatrixAccess(e: Expr): boolean {
  if (e instanceof ContextAccess) return true;
  return e instanceof IndexAccess && !(e.index instanceof Star) && isMatrixAccess(e.expr);
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
    if (key.toLowerCase() === first!.toLowerCase()) {
      if (!isSeq(value)) return undefined;
      values.push(...itemsOf(value));
    } else if (key === 'include') {
      if (!isSeq(value)) return undefined;
      for (const entry of itemsOf(value)) {
        if (!isMap(entry)) return undefined;
        for (const [k, v] of entriesOf(entry))
          if (k.toLowerCase() === first!.toLowerCase() && v) values.push(v);
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
      for (const [k, child] of entriesOf(v))
        if (k.toLowerCase() === key.toLowerCase() && child) next.push(child);
    }
    values = next;
  }
  return values;
}
