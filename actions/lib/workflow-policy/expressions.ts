/**
 * Reading GitHub Actions expressions well enough to be safe: which contexts an attacker controls, and
 * which job conditions pin a job to the default branch or to some events.
 */

/** Contexts whose value a fork's author or an issue commenter writes. */
const UNTRUSTED = [
  /\bgithub\.head_ref\b/,
  /\bgithub\.event\.(?:pull_request|issue|comment|review|review_comment|discussion|discussion_comment|release)\.(?:title|body|name)\b/,
  /\bgithub\.event\.pull_request\.head\.(?:ref|label|repo\.(?:default_branch|description|homepage|name|full_name))\b/,
  /\bgithub\.event\.(?:head_commit|commits\b[^\s)]*|workflow_run\.head_commit)\.?(?:message|author\.(?:email|name)|committer\.(?:email|name))\b/,
  /\bgithub\.event\.workflow_run\.(?:head_branch|display_title|pull_requests\b)/,
  /\bgithub\.event\.pages\b[^\s)]*page_name\b/,
  /\bgithub\.event\.[\w.*[\]]*\.(?:body|title)\b/,
  /\btoJSON\(\s*github\.event\b/i,
];

/** Every `${{ … }}` in a string, with its full text and its inside. */
export function expressionsIn(text: string): { text: string; inner: string }[] {
  return [...text.matchAll(/\$\{\{([\s\S]*?)\}\}/g)].map((m) => ({ text: m[0], inner: m[1]!.trim() }));
}

/** True when an expression reads a context an outsider controls (PR title, body, head ref, …). */
export function isUntrustedExpression(inner: string): boolean {
  return UNTRUSTED.some((re) => re.test(inner));
}

/** Strips a `${{ }}` wrapper: job `if:` conditions may be written either way. */
function bare(condition: string): string {
  const m = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(condition);
  return (m ? m[1]! : condition).trim();
}

/** Splits on a top-level operator (outside parentheses and quotes). */
function splitTopLevel(expr: string, op: '&&' | '||'): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = false;
  let start = 0;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (c === "'") quote = !quote;
    else if (!quote && c === '(') depth++;
    else if (!quote && c === ')') depth--;
    else if (!quote && depth === 0 && expr.startsWith(op, i)) {
      parts.push(expr.slice(start, i).trim());
      start = i + op.length;
      i += op.length - 1;
    }
  }
  parts.push(expr.slice(start).trim());
  return parts;
}

/** Removes parentheses that wrap the whole expression: `(a || b)` → `a || b`. */
function unwrapParens(expr: string): string {
  let e = expr.trim();
  while (e.startsWith('(') && closingParen(e) === e.length - 1) e = e.slice(1, -1).trim();
  return e;
}

function closingParen(expr: string): number {
  let depth = 0;
  let quote = false;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (c === "'") quote = !quote;
    else if (!quote && c === '(') depth++;
    else if (!quote && c === ')' && --depth === 0) return i;
  }
  return -1;
}

function conjuncts(condition: string): string[] {
  const expr = bare(condition);
  if (splitTopLevel(expr, '||').length > 1) return [];
  return splitTopLevel(expr, '&&').map(unwrapParens);
}

/** Both orders of `a == b`, with single or double quotes normalised. */
function isEquality(conjunct: string, left: RegExp, right: RegExp): boolean {
  const m = /^(.+?)\s*==\s*(.+)$/.exec(conjunct.replace(/"/g, "'"));
  if (!m) return false;
  const [a, b] = [m[1]!.trim(), m[2]!.trim()];
  return (left.test(a) && right.test(b)) || (left.test(b) && right.test(a));
}

const DEFAULT_BRANCH_FORMAT =
  /^format\(\s*'refs\/heads\/\{0\}'\s*,\s*github\.event\.repository\.default_branch\s*\)$/;
const DEFAULT_BRANCH = /^github\.event\.repository\.default_branch$/;

/**
 * True when a job condition confines the job to the default branch: one of its top-level `&&` terms
 * compares `github.ref` with the default branch (by name or through `format(…)`). A condition with a
 * top-level `||` is not trusted, since either side could let another branch through.
 */
export function restrictsToDefaultBranch(
  condition: string | undefined,
  defaultBranches: readonly string[],
): boolean {
  if (!condition) return false;
  const literals = defaultBranches.map((b) => b.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const refLiteral = new RegExp(`^'refs/heads/(?:${literals.join('|')})'$`);
  const nameLiteral = new RegExp(`^'(?:${literals.join('|')})'$`);
  return conjuncts(condition).some(
    (c) =>
      isEquality(c, /^github\.ref$/, refLiteral) ||
      isEquality(c, /^github\.ref$/, DEFAULT_BRANCH_FORMAT) ||
      isEquality(c, /^github\.ref_name$/, nameLiteral) ||
      isEquality(c, /^github\.ref_name$/, DEFAULT_BRANCH),
  );
}

/**
 * The events a job condition lets through, when it pins `github.event_name` (`== 'schedule'`, or a
 * parenthesised `||` of such equalities); undefined when it does not. Events excluded with `!=` are
 * returned in `excluded`.
 */
function eventsAllowedBy(condition: string | undefined): {
  only?: Set<string>;
  excluded: Set<string>;
} {
  const excluded = new Set<string>();
  let only: Set<string> | undefined;
  if (!condition) return { excluded };
  for (const c of conjuncts(condition)) {
    const normal = c.replace(/"/g, "'");
    const ne = /^github\.event_name\s*!=\s*'([\w-]+)'$|^'([\w-]+)'\s*!=\s*github\.event_name$/.exec(normal);
    if (ne) {
      excluded.add((ne[1] ?? ne[2])!);
      continue;
    }
    const alternatives = splitTopLevel(unwrapParens(normal), '||');
    const names = alternatives.map((a) =>
      /^github\.event_name\s*==\s*'([\w-]+)'$|^'([\w-]+)'\s*==\s*github\.event_name$/.exec(a.trim()),
    );
    if (names.every((n) => n !== null)) {
      const set = new Set(names.map((n) => (n![1] ?? n![2])!));
      only = only ? new Set([...only].filter((e) => set.has(e))) : set;
    }
  }
  return only ? { only, excluded } : { excluded };
}

/** The triggers a job whose `if:` is `condition` can run on (all of them unless it pins event names). */
export function reachableTriggers<T extends { event: string }>(
  triggers: readonly T[],
  condition: string | undefined,
): T[] {
  const allowed = eventsAllowedBy(condition);
  return triggers.filter(
    (t) => (!allowed.only || allowed.only.has(t.event)) && !allowed.excluded.has(t.event),
  );
}
