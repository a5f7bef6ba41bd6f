import type { Node } from 'yaml';
import { parseExpression } from './expression-eval.js';
import { expressionsIn } from './expressions.js';
import { contextPaths } from './taint.js';
import { itemsOf, mapAt, nodeAt, stringOf } from './yaml-file.js';

/** A step's `uses:` without its version: `actions/checkout@v4` → `actions/checkout`. */
export function actionName(step: unknown): string | undefined {
  const uses = stringOf(nodeAt(step, 'uses'))?.trim();
  return uses === undefined ? undefined : actionOf(uses);
}

/**
 * `uses:` without its version, lowercase, with empty and `.` path segments dropped as the runner
 * drops them: `actions/checkout/@v4` and `actions/./checkout@v4` are actions/checkout.
 */
export function actionOf(uses: string): string {
  const name = uses.split('@')[0]!.toLowerCase();
  if (name.startsWith('docker://') || name.startsWith('./') || name.startsWith('$/')) return name;
  return name
    .split(/[\\/]/)
    .filter((s) => s !== '' && s !== '.')
    .join('/');
}

const PR_HEAD_TEXT = /refs\/pull\/|pull\/\$|\bmerge_commit_sha\b/;
const PR_HEAD_SHELL =
  /\bgh\s+pr\s+(?:checkout|diff)\b|\bgit\s+(?:fetch|pull)\b[^\n]*\bpull\/|\bhub\s+pr\s+checkout\b|\bgit\s+checkout\s+FETCH_HEAD\b/;
/** Paths of the pull request's own code: head sha/ref, its repository, the merge ref. */
const PR_HEAD_PATHS = [
  'github.head_ref',
  'github.event.pull_request.head',
  'github.event.pull_request.merge_commit_sha',
  // All of the run that triggered it: head_sha, head_branch, head_commit.id, head_repository, …
  'github.event.workflow_run',
  // The pushed head of a synchronize, a review's commit, a check's head: the pull request's code.
  'github.event.after',
  'github.event.review',
  'github.event.check_suite',
  'github.event.check_run',
  'github.event.issue.pull_request',
  'github.event.issue.number',
  'github.event.number',
  'github.event.pull_request.number',
  'github.event.comment',
  'steps',
  'needs',
  'inputs',
  'env',
].map((p) => p.split('.'));

/** True when a checkout `ref:`/`repository:` value may name the pull request's code. */
function namesPullRequestCode(value: string): boolean {
  if (PR_HEAD_TEXT.test(value)) return true;
  return expressionsIn(value).some(({ inner }) => {
    try {
      return contextPaths(parseExpression(inner)).some((path) =>
        PR_HEAD_PATHS.some((h) =>
          h.every((seg, i) => path[i] === seg || path[i] === '*' || (path[i] === undefined && i > 1)),
        ),
      );
    } catch {
      return true;
    }
  });
}

const GIT_FETCHES =
  /\bgit\b[^\n]*\b(?:checkout|switch|fetch|pull|reset|worktree|clone|merge|rebase|cherry-pick|restore)\b/;

/** A script line that fetches or checks out what an expression naming the pull request's code says. */
function gitWithPullRequestCode(line: string): boolean {
  return GIT_FETCHES.test(line) && line.includes('${{') && namesPullRequestCode(line);
}

/** Checkout steps (and shell commands) that fetch a pull request's head. */
export function pullRequestHeadCheckouts(steps: readonly Node[]): Node[] {
  const found: Node[] = [];
  for (const step of steps) {
    if (actionName(step) === 'actions/checkout') {
      const withMap = mapAt(step, 'with');
      for (const key of ['ref', 'repository']) {
        const value = stringOf(nodeAt(withMap, key));
        if (value !== undefined && namesPullRequestCode(value)) {
          found.push(nodeAt(withMap, key)!);
          break;
        }
      }
    }
    const run = stringOf(nodeAt(step, 'run'));
    if (run && (PR_HEAD_SHELL.test(run) || run.split('\n').some(gitWithPullRequestCode)))
      found.push(nodeAt(step, 'run')!);
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

/** True when an upload path may include `dir` (the dir itself, a parent, a glob over it, an expression). */
export function pathCovers(uploadPath: string, dir: string): boolean {
  const p = uploadPath.replace(/^\.\//, '').replace(/\/+$/, '');
  const d = dir.replace(/^\.\//, '').replace(/\/+$/, '');
  if (
    p === '' ||
    p === '.' ||
    p.includes('${{') ||
    (p.startsWith('~') && homeMayHoldWorkspace(p)) ||
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

/** `~/.npm` cannot hold the checkout; `~`, `~/work/…`, `~/*` or a runner folder may. */
function homeMayHoldWorkspace(p: string): boolean {
  const first = p.replace(/^~\/?/, '').split('/')[0] ?? '';
  return (
    first === '' || !p.startsWith('~/') || first === 'work' || /^actions-runner|^_work|[*?[$]/.test(first)
  );
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
