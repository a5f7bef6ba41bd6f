import type { Node } from 'yaml';
import type { Finding } from '../findings/finding.js';
import { expressionsIn, isUntrustedExpression } from './expressions.js';
import { itemsOf, mapAt, nodeAt, positionInNode, stringOf, type YamlFile } from './yaml-file.js';

/** A step's `uses:` without its version: `actions/checkout@v4` → `actions/checkout`. */
export function actionName(step: unknown): string | undefined {
  return stringOf(nodeAt(step, 'uses'))?.split('@')[0]?.toLowerCase();
}

export const UPLOAD_ACTIONS = [
  'actions/upload-artifact',
  'actions/cache',
  'actions/cache/save',
  'actions/upload-pages-artifact',
];
const PR_HEAD_REF =
  /github\.event\.pull_request\.head\.(?:sha|ref)|github\.head_ref|github\.event\.workflow_run\.head_(?:sha|branch)|refs\/pull\/|github\.event\.pull_request\.head\.repo|github\.event\.issue\.pull_request/;
const PR_HEAD_SHELL = /\bgh\s+pr\s+checkout\b|\bgit\s+fetch\b[^\n]*\bpull\/[^\s]*\/(?:head|merge)\b/;

/** `run:` scripts (and github-script `script:`) must not inline a context an outsider writes. */
export function untrustedExpressionFindings(
  yaml: YamlFile,
  steps: readonly Node[],
  where: string,
): Finding[] {
  const findings: Finding[] = [];
  for (const step of steps) {
    const scripts: [Node | undefined, string][] = [[nodeAt(step, 'run'), 'run']];
    if (actionName(step) === 'actions/github-script')
      scripts.push([nodeAt(mapAt(step, 'with'), 'script'), 'script']);
    for (const [node, key] of scripts) {
      const text = stringOf(node);
      if (!node || text === undefined) continue;
      let from = 0;
      for (const expression of expressionsIn(text)) {
        const pos = positionInNode(yaml, node, expression.text, from);
        from = pos.next;
        if (!isUntrustedExpression(expression.inner)) continue;
        findings.push({
          rule: 'workflow/untrusted-expression',
          severity: 'error',
          file: yaml.file,
          line: pos.line,
          column: pos.column,
          message: `${where}: "${expression.inner}" is written by outsiders and is inlined into \`${key}:\`, where it runs as code; pass it through env: and quote "$VAR"`,
        });
      }
    }
  }
  return findings;
}

/** Checkout steps (and shell commands) that fetch a pull request's head. */
export function pullRequestHeadCheckouts(steps: readonly Node[]): Node[] {
  const found: Node[] = [];
  for (const step of steps) {
    if (actionName(step) === 'actions/checkout') {
      const withMap = mapAt(step, 'with');
      const ref = `${stringOf(nodeAt(withMap, 'ref')) ?? ''} ${stringOf(nodeAt(withMap, 'repository')) ?? ''}`;
      if (PR_HEAD_REF.test(ref)) found.push(nodeAt(withMap, 'ref') ?? nodeAt(step, 'uses')!);
    }
    const run = stringOf(nodeAt(step, 'run'));
    if (run && PR_HEAD_SHELL.test(run)) found.push(nodeAt(step, 'run')!);
  }
  return found;
}

/** Checkout steps that keep the token in .git/config (persist-credentials not false). */
export function persistedCredentialCheckouts(steps: readonly Node[]): Node[] {
  return steps
    .filter((step) => {
      if (actionName(step) !== 'actions/checkout') return false;
      const value = stringOf(nodeAt(mapAt(step, 'with'), 'persist-credentials'));
      return value?.trim() !== 'false';
    })
    .map((step) => nodeAt(step, 'uses')!);
}

/** Upload-artifact and cache steps, with the paths they upload (one per line). */
export function uploadSteps(steps: readonly Node[]): { node: Node; action: string; paths: string[] }[] {
  return steps.flatMap((step) => {
    const action = actionName(step);
    if (!action || !UPLOAD_ACTIONS.includes(action)) return [];
    const raw =
      stringOf(nodeAt(mapAt(step, 'with'), 'path')) ??
      (action.startsWith('actions/upload-pages') ? '_site' : '');
    const paths = raw
      .split('\n')
      .map((p) => p.trim())
      .filter((p) => p && !p.startsWith('!'));
    return [{ node: nodeAt(step, 'uses')!, action, paths }];
  });
}

/** True when an upload path may include `dir` (the dir itself, a parent, a glob over it, an expression). */
export function pathCovers(uploadPath: string, dir: string): boolean {
  const p = uploadPath.replace(/^\.\//, '').replace(/\/+$/, '');
  const d = dir.replace(/^\.\//, '').replace(/\/+$/, '');
  if (
    p === '' ||
    p === '.' ||
    p.includes('${{') ||
    p.startsWith('~') ||
    p.startsWith('/') ||
    p.startsWith('$')
  )
    return true;
  if (p === d || p.startsWith(`${d}/`) || d.startsWith(`${p}/`)) return true;
  // A glob in the first segments can reach the directory: compare segment by segment.
  const ps = p.split('/');
  const ds = d.split('/');
  for (let i = 0; i < ps.length; i++) {
    const seg = ps[i]!;
    if (seg === '**') return true;
    if (i >= ds.length) return false;
    if (/[*?[]/.test(seg)) {
      const re = new RegExp(
        `^${seg
          .replace(/[.+^${}()|\\]/g, '\\$&')
          .replace(/\*/g, '.*')
          .replace(/\?/g, '.')}$`,
      );
      if (!re.test(ds[i]!)) return false;
    } else if (seg !== ds[i]) return false;
  }
  return true;
}

/** A relative path inside the repository without expressions, `..`, `~` or a leading glob. */
export function isPlainRepositoryPath(uploadPath: string): boolean {
  const p = uploadPath.replace(/^\.\//, '');
  if (p === '' || p === '.' || /\$\{\{|^[/~$]|^[A-Za-z]:/.test(p)) return false;
  const segments = p.split('/');
  return !segments.includes('..') && !/[*?[]/.test(segments[0]!);
}

/** Steps of a job as nodes. */
export function stepsOf(job: unknown): Node[] {
  return itemsOf(nodeAt(job, 'steps'));
}
