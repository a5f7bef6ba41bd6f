/**
 * Which expressions carry data an outsider writes (a pull request's title, a comment, a branch name),
 * read through GitHub's own expression parser so that `github['event']['pull_request']['title']`,
 * `github.event['pull_request'].title` and `toJSON(github.event)` are the same as the dotted form,
 * and followed through env, inputs, step outputs, job outputs and the matrix.
 */
import type { Expr } from '@actions/expressions';
import { ContextAccess, FunctionCall, IndexAccess, Literal, Star } from '@actions/expressions/ast';
import { parseExpression } from './expression-eval.js';
import { expressionsIn } from './expressions.js';

/** Paths (lowercase segments; `**` any depth, `*` one segment) whose value an outsider writes. */
const UNTRUSTED_PATHS = [
  'github.head_ref',
  'github.event.**.title',
  'github.event.**.body',
  'github.event.**.message',
  'github.event.**.display_title',
  'github.event.**.head_branch',
  'github.event.**.page_name',
  'github.event.**.label',
  'github.event.**.labels',
  'github.event.**.description',
  'github.event.**.homepage',
  'github.event.**.head.ref',
  'github.event.**.head.repo',
  'github.event.**.head_repository',
  'github.event.**.author',
  'github.event.**.committer',
  'github.event.**.pull_requests',
  'github.event.**.name',
].map((p) => p.split('.'));

/** Trusted names that the broad patterns above would otherwise catch. */
const TRUSTED_PATHS = ['github.event.repository.name', 'github.event.workflow.name'];

/** Segments that name objects: reading one whole (toJSON) reads what it holds. */
const CONTAINERS = new Set([
  'github',
  'event',
  'pull_request',
  'issue',
  'comment',
  'review',
  'review_comment',
  'head',
  'commits',
  'head_commit',
  'workflow_run',
  'discussion',
  'release',
  'pages',
  'repo',
  'head_repository',
  'author',
  'committer',
  'pull_requests',
  '*',
]);

function matches(u: string[], p: string[], i = 0, j = 0): boolean {
  if (j === p.length) return i === u.length || CONTAINERS.has(p[p.length - 1] ?? '');
  if (i === u.length) return true;
  if (u[i] === '**') return matches(u, p, i + 1, j) || matches(u, p, i, j + 1);
  if (u[i] === '*' || p[j] === '*' || u[i] === p[j]) return matches(u, p, i + 1, j + 1);
  return false;
}

/** True when a `github.…` path reads outsider-written data (or an object that holds some). */
export function isUntrustedGithubPath(path: string[]): boolean {
  if (path[0] !== 'github') return false;
  if (TRUSTED_PATHS.includes(path.join('.')) || (path[1] === 'event' && path[2] === 'inputs')) return false;
  return UNTRUSTED_PATHS.some((u) => matches(u, path));
}

/** The context paths an expression reads, outermost only: `a.b[c]` → `a.b.*` (and c's own paths). */
export function contextPaths(expr: Expr): string[][] {
  const out: string[][] = [];
  const pathOf = (e: Expr): string[] | undefined => {
    if (e instanceof ContextAccess) return [e.name.lexeme.toLowerCase()];
    if (e instanceof IndexAccess) {
      const base = pathOf(e.expr);
      if (!base) return undefined;
      if (e.index instanceof Star) return [...base, '*'];
      if (e.index instanceof Literal && typeof (e.index.literal as { value?: unknown }).value === 'string')
        return [...base, String((e.index.literal as { value: string }).value).toLowerCase()];
      walk(e.index);
      return [...base, '*'];
    }
    return undefined;
  };
  const walk = (e: Expr): void => {
    const p = pathOf(e);
    if (p) {
      out.push(p);
      return;
    }
    const node = e as unknown as Record<string, unknown>;
    for (const key of ['expr', 'left', 'right', 'group', 'index']) {
      const child = node[key];
      if (child && typeof child === 'object' && 'accept' in child) walk(child as Expr);
    }
    if (e instanceof FunctionCall || Array.isArray(node.args))
      for (const a of (node.args as Expr[]) ?? []) walk(a);
  };
  walk(expr);
  return out;
}

/** Names that carry outsider data in one scope (a job or a composite action's run). */
export interface TaintScope {
  env: Set<string>;
  /** Input names; `*` for all of them. */
  inputs: Set<string>;
  /** Step ids whose outputs may carry outsider data. */
  steps: Set<string>;
  /** `job.output` pairs. */
  needs: Set<string>;
  /** Matrix keys; `*` for all of them. */
  matrix: Set<string>;
}

export function emptyScope(): TaintScope {
  return { env: new Set(), inputs: new Set(), steps: new Set(), needs: new Set(), matrix: new Set() };
}

export function copyScope(s: TaintScope): TaintScope {
  return {
    env: new Set(s.env),
    inputs: new Set(s.inputs),
    steps: new Set(s.steps),
    needs: new Set(s.needs),
    matrix: new Set(s.matrix),
  };
}

const hit = (set: Set<string>, name: string | undefined) =>
  set.has('*') ||
  (set.size > 0 && (name === undefined || name === '*')) ||
  (name !== undefined && set.has(name));

/** Why a path carries outsider data, or undefined. */
export function taintedPath(path: string[], scope: TaintScope): boolean {
  const [root, a, b, c] = path;
  switch (root) {
    case 'github':
      return isUntrustedGithubPath(path);
    case 'env':
      return hit(scope.env, a);
    case 'inputs':
      return hit(scope.inputs, a);
    case 'steps':
      return hit(scope.steps, a) && (b === undefined || b === 'outputs' || b === '*');
    case 'needs':
      return (
        a === undefined ||
        a === '*' ||
        [...scope.needs].some((n) => {
          const [job, output] = n.split('.');
          return (
            (job === a || a === '*') &&
            (b === undefined ||
              b === '*' ||
              (b === 'outputs' && (c === undefined || c === '*' || c === output)))
          );
        })
      );
    case 'matrix':
      return hit(scope.matrix, a);
    default:
      return false;
  }
}

/** The `${{ … }}` expressions of a text that carry outsider data, with their text. */
export function taintedExpressions(text: string, scope: TaintScope): { text: string; inner: string }[] {
  return expressionsIn(text).filter(({ inner }) => {
    let expr: Expr;
    try {
      expr = parseExpression(inner);
    } catch {
      return false; // GitHub rejects the file; the parser check reports it
    }
    return contextPaths(expr).some((p) => taintedPath(p, scope));
  });
}

/** True when any expression in the text carries outsider data. */
export function isTainted(text: string | undefined, scope: TaintScope): boolean {
  return text !== undefined && taintedExpressions(text, scope).length > 0;
}
