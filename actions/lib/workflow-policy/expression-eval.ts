/**
 * GitHub Actions expressions evaluated three-valued: a value the attacker writes (or the policy
 * cannot know) is UNKNOWN, and what depends on it stays unknown. Known operands go through
 * @actions/expressions' own comparison, coercion and functions, so `'Schedule' == 'schedule'`,
 * `format(…)`, `startsWith(…)` and `fromJSON(…)` behave as on GitHub.
 */
import { data, type Expr, Lexer, Parser, wellKnownFunctions } from '@actions/expressions';
import {
  type Binary,
  type ContextAccess,
  type ExprVisitor,
  type FunctionCall,
  type Grouping,
  type IndexAccess,
  type Literal,
  type Logical,
  Star,
  type Unary,
} from '@actions/expressions/ast';
import { TokenType } from '@actions/expressions/lexer';
import { equals, greaterThan, lessThan, truthy } from '@actions/expressions/result';

/** A leaf or subtree whose value the policy cannot know. */
export const UNKNOWN: unique symbol = Symbol('unknown');
/**
 * A string the policy does not know, except that it is none of `except` (compared without case, as
 * GitHub compares): the ref of a dispatch from "another branch" is any branch but the default one.
 */
export class OtherThan {
  constructor(readonly except: readonly string[]) {}
}

/** A context value: JSON-like, with UNKNOWN where the attacker (or the runtime) decides. */
export type CtxValue =
  | OtherThan
  | string
  | number
  | boolean
  | null
  | typeof UNKNOWN
  | CtxValue[]
  | { [key: string]: CtxValue };

/** Result of a sub-expression: a value (maybe partly unknown) or unknown with maybe-known truthiness. */
type V = { value: CtxValue } | { unknown: true; truthy?: boolean };

export type Truth = true | false | 'unknown';

/**
 * How status functions answer: 'normal' = the usual run (dependencies succeeded); 'any' = unknown;
 * or each answer given, as for a job whose `needs` were skipped (success() false, failure() false).
 */
export type StatusMode = 'normal' | 'any' | StatusAnswers;
export interface StatusAnswers {
  success: Truth;
  failure: Truth;
  cancelled: Truth;
}

export const CONTEXT_NAMES = [
  'github',
  'env',
  'inputs',
  'vars',
  'needs',
  'steps',
  'matrix',
  'strategy',
  'job',
  'jobs',
  'runner',
  'secrets',
];
const STATUS_FUNCTIONS = ['success', 'failure', 'cancelled', 'always'];
const EXTRA_FUNCTIONS = [
  ...STATUS_FUNCTIONS.map((name) => ({ name, minArgs: 0, maxArgs: 0 })),
  { name: 'hashFiles', minArgs: 1, maxArgs: 255 },
];

/** Parses an expression (the inside of `${{ }}`); throws on syntax GitHub would reject. */
export function parseExpression(text: string): Expr {
  const tokens = new Lexer(text).lex().tokens;
  return new Parser(tokens, CONTEXT_NAMES, EXTRA_FUNCTIONS).parse();
}

function hasUnknown(v: CtxValue, depth = 0): boolean {
  if (v === UNKNOWN || v instanceof OtherThan) return true;
  if (depth > 64) return true;
  if (v !== null && typeof v === 'object' && OPEN.has(v)) return true;
  if (Array.isArray(v)) return v.some((x) => hasUnknown(x, depth + 1));
  if (v !== null && typeof v === 'object') return Object.values(v).some((x) => hasUnknown(x, depth + 1));
  return false;
}

function toData(v: CtxValue): data.ExpressionData {
  if (v === null || v === UNKNOWN) return new data.Null();
  if (typeof v === 'string') return new data.StringData(v);
  if (typeof v === 'number') return new data.NumberData(v);
  if (typeof v === 'boolean') return new data.BooleanData(v);
  if (Array.isArray(v)) return new data.Array(...v.map(toData));
  return new data.Dictionary(...Object.entries(v).map(([key, value]) => ({ key, value: toData(value) })));
}

function fromData(d: data.ExpressionData): CtxValue {
  switch (d.kind) {
    case data.Kind.String:
      return (d as data.StringData).value;
    case data.Kind.Number:
      return (d as data.NumberData).value;
    case data.Kind.Boolean:
      return (d as data.BooleanData).value;
    case data.Kind.Array:
      return (d as data.Array).values().map(fromData);
    case data.Kind.Dictionary:
      return Object.fromEntries((d as data.Dictionary).pairs().map((p) => [p.key, fromData(p.value)]));
    default:
      return null;
  }
}

function truthOf(v: V): Truth {
  if ('value' in v) {
    // Objects and arrays are truthy whatever they hold.
    if (v.value === UNKNOWN) return 'unknown';
    if (v.value instanceof OtherThan) return true; // a ref is never empty
    if (v.value !== null && typeof v.value === 'object') return true;
    return truthy(toData(v.value));
  }
  return v.truthy === undefined ? 'unknown' : v.truthy;
}

const unknown = (truthyness?: boolean): V =>
  truthyness === undefined ? { unknown: true } : { unknown: true, truthy: truthyness };

/**
 * Objects of a context that list only some of their properties: GitHub's payloads and `github`
 * context carry many more (`github.workspace`, `github.event.organization`, `pull_request.id`, …),
 * so a property not written here is unknown, not null. Only objects made closed (the schedule
 * payload, whose lack of `repository` is the point) answer null for what they do not list.
 */
const OPEN = new WeakSet<object>();

/** Marks every object of a context value open, except those in `closed`. */
export function openContext(v: CtxValue, closed: ReadonlySet<object> = new Set(), depth = 0): CtxValue {
  if (depth > 32 || v === null || typeof v !== 'object' || v instanceof OtherThan) return v;
  if (!closed.has(v)) OPEN.add(v);
  for (const x of Array.isArray(v) ? v : Object.values(v)) openContext(x, closed, depth + 1);
  return v;
}

/** Case-insensitive property lookup, as GitHub's dictionaries do. */
function lookup(obj: { [key: string]: CtxValue }, key: string): CtxValue {
  if (key in obj) return obj[key]!;
  const lower = key.toLowerCase();
  for (const [k, v] of Object.entries(obj)) if (k.toLowerCase() === lower) return v;
  return OPEN.has(obj) ? UNKNOWN : null;
}

class ThreeValued implements ExprVisitor<V> {
  constructor(
    private readonly context: { [key: string]: CtxValue },
    private readonly status: StatusMode,
  ) {}

  eval(e: Expr): V {
    return e.accept(this);
  }
  visitLiteral(literal: Literal): V {
    return { value: fromData(literal.literal) };
  }
  visitUnary(unary: Unary): V {
    const t = truthOf(this.eval(unary.expr));
    return t === 'unknown' ? unknown() : { value: !t };
  }
  visitBinary(binary: Binary): V {
    const l = this.eval(binary.left);
    const r = this.eval(binary.right);
    const eq = binary.operator.type === TokenType.EQUAL_EQUAL;
    if ((eq || binary.operator.type === TokenType.BANG_EQUAL) && 'value' in l && 'value' in r) {
      const [other, known] = l.value instanceof OtherThan ? [l.value, r.value] : [r.value, l.value];
      if (other instanceof OtherThan && typeof known === 'string') {
        const excluded = other.except.some((e) => e.toLowerCase() === known.toLowerCase());
        return excluded ? { value: !eq } : unknown();
      }
    }
    if (!('value' in l) || !('value' in r) || hasUnknown(l.value) || hasUnknown(r.value)) return unknown();
    const a = toData(l.value);
    const b = toData(r.value);
    switch (binary.operator.type) {
      case TokenType.EQUAL_EQUAL:
        return { value: equals(a, b) };
      case TokenType.BANG_EQUAL:
        return { value: !equals(a, b) };
      case TokenType.GREATER:
        return { value: greaterThan(a, b) };
      case TokenType.GREATER_EQUAL:
        return { value: equals(a, b) || greaterThan(a, b) };
      case TokenType.LESS:
        return { value: lessThan(a, b) };
      case TokenType.LESS_EQUAL:
        return { value: equals(a, b) || lessThan(a, b) };
      default:
        return unknown();
    }
  }
  visitLogical(logical: Logical): V {
    // `a && b` yields the first falsy operand, else the last; `||` the first truthy, else the last.
    const isAnd = logical.operator.type === TokenType.AND;
    let sure = true; // every operand so far had a known truthiness
    let last: V = unknown();
    for (const arg of logical.args) {
      last = this.eval(arg);
      const t = truthOf(last);
      if (t === 'unknown') {
        sure = false;
        continue;
      }
      if ((isAnd && !t) || (!isAnd && t)) return sure ? last : unknown(t);
    }
    // Some operand was unknown and none decided: the result is unknown.
    return sure ? last : unknown();
  }
  visitGrouping(grouping: Grouping): V {
    return this.eval(grouping.group);
  }
  visitContextAccess(access: ContextAccess): V {
    const v = lookup(this.context, access.name.lexeme);
    return v === UNKNOWN ? unknown() : { value: v };
  }
  visitIndexAccess(ia: IndexAccess): V {
    const obj = this.eval(ia.expr);
    if (!('value' in obj) || obj.value === UNKNOWN) return unknown();
    // `x.*` is a filtered array: truthy, its members not needed for a condition.
    if (ia.index instanceof Star) return unknown(true);
    const idx = this.eval(ia.index);
    const o = obj.value;
    if (o === null || typeof o !== 'object' || o instanceof OtherThan) return { value: null };
    if (!('value' in idx) || hasUnknown(idx.value)) return unknown();
    let out: CtxValue;
    if (Array.isArray(o)) {
      const n = typeof idx.value === 'number' ? idx.value : Number(idx.value);
      out = Number.isInteger(n) && n >= 0 && n < o.length ? o[n]! : null;
    } else {
      out = typeof idx.value === 'string' ? lookup(o, idx.value) : null;
    }
    return out === UNKNOWN ? unknown() : { value: out };
  }
  visitFunctionCall(call: FunctionCall): V {
    const name = call.functionName.lexeme.toLowerCase();
    if (STATUS_FUNCTIONS.includes(name)) {
      if (name === 'always') return { value: true };
      if (this.status === 'any') return unknown();
      if (this.status === 'normal') return { value: name === 'success' };
      const answer = this.status[name as keyof StatusAnswers];
      return answer === 'unknown' ? unknown() : { value: answer };
    }
    if (name === 'hashfiles') return unknown(true);
    const args = call.args.map((a) => this.eval(a));
    if (name === 'tojson' && args[0] && 'value' in args[0] && hasUnknown(args[0].value)) return unknown(true);
    if (args.some((a) => !('value' in a) || hasUnknown(a.value))) return unknown();
    const f = wellKnownFunctions[name];
    if (!f) return unknown();
    try {
      return { value: fromData(f.call(...args.map((a) => toData((a as { value: CtxValue }).value)))) };
    } catch {
      return unknown(); // fromJSON of bad text fails the run on GitHub; the job does not start
    }
  }
}

/** Evaluates a parsed expression against a context; the truthiness of the result. */
export function evaluateTruth(
  expr: Expr,
  context: { [key: string]: CtxValue },
  status: StatusMode = 'any',
): Truth {
  return truthOf(new ThreeValued(context, status).eval(expr));
}

/** Evaluates expression text; unparsable text is unknown (GitHub fails such a workflow, the policy assumes the worst). */
export function evaluateText(
  text: string,
  context: { [key: string]: CtxValue },
  status: StatusMode = 'any',
): Truth {
  let expr: Expr;
  try {
    expr = parseExpression(text);
  } catch {
    return 'unknown';
  }
  return evaluateTruth(expr, context, status);
}
