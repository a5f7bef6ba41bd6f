import { asNumber, sameLabelValue } from './label-values.js';

/**
 * A tiny label query language, parsed by hand (never eval): comparisons of a label field with a value,
 * `in [..]` sets, and `and`, `or`, `not`, parentheses. Field names with spaces or operators in them are
 * quoted ("Pleural Effusion"); a bare field may hold letters, digits and _ . / - (Frontal/Lateral,
 * ti-rads_level). Values are numbers, bare words or quoted text.
 *
 *   EF < 40
 *   Pneumonia == 1 and Frontal/Lateral == Frontal
 *   ti-rads_level in [4, 5] or not (histopath_diagnosis == 0)
 */
export type Comparison = '==' | '!=' | '<' | '<=' | '>' | '>=';
export type LabelQuery =
  | { op: 'and' | 'or'; args: LabelQuery[] }
  | { op: 'not'; arg: LabelQuery }
  | { op: 'cmp'; field: string; cmp: Comparison; value: string | number }
  | { op: 'in'; field: string; values: (string | number)[]; negate: boolean };

export class LabelQueryError extends Error {
  override name = 'LabelQueryError';
}

type Token =
  | { t: 'word'; v: string; quoted: boolean; at: number }
  | { t: 'op'; v: Comparison; at: number }
  | { t: '(' | ')' | '[' | ']' | ','; at: number };

const MAX_DEPTH = 64;
const BARE = /[A-Za-z0-9_./+:-]/;
const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if ('()[],'.includes(c)) {
      tokens.push({ t: c as '(' | ')' | '[' | ']' | ',', at: i });
      i++;
    } else if ('=!<>'.includes(c)) {
      const two = text.slice(i, i + 2);
      if (['==', '!=', '<=', '>='].includes(two)) {
        tokens.push({ t: 'op', v: two as Comparison, at: i });
        i += 2;
      } else if (c === '<' || c === '>') {
        tokens.push({ t: 'op', v: c, at: i });
        i++;
      } else throw new LabelQueryError(`unexpected "${c}" at ${i + 1}; comparisons are == != < <= > >=`);
    } else if (c === '"' || c === "'") {
      let v = '';
      let j = i + 1;
      for (; j < text.length && text[j] !== c; j++) {
        if (text[j] === '\\' && j + 1 < text.length) j++;
        v += text[j];
      }
      if (j >= text.length) throw new LabelQueryError(`unterminated quote at ${i + 1}`);
      tokens.push({ t: 'word', v, quoted: true, at: i });
      i = j + 1;
    } else if (BARE.test(c)) {
      let j = i;
      while (j < text.length && BARE.test(text[j]!)) j++;
      tokens.push({ t: 'word', v: text.slice(i, j), quoted: false, at: i });
      i = j;
    } else throw new LabelQueryError(`unexpected "${c}" at ${i + 1}`);
  }
  return tokens;
}

const keyword = (tok: Token | undefined, word: string) =>
  tok?.t === 'word' && !tok.quoted && tok.v.toLowerCase() === word;

/** Parses a query; a LabelQueryError says what is wrong and where (1-based character). */
export function parseLabelQuery(text: string): LabelQuery {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const where = () => (peek() ? `at ${peek()!.at + 1}` : 'at the end');
  const expect = (t: Token['t']) => {
    if (peek()?.t !== t) throw new LabelQueryError(`expected "${t}" ${where()}`);
    pos++;
  };
  const value = (): string | number => {
    const tok = peek();
    if (tok?.t !== 'word') throw new LabelQueryError(`expected a value ${where()}`);
    pos++;
    return !tok.quoted && NUMBER.test(tok.v) ? Number(tok.v) : tok.v;
  };
  const or = (depth: number): LabelQuery => {
    if (depth > MAX_DEPTH) throw new LabelQueryError(`nested deeper than ${MAX_DEPTH}`);
    const args = [and(depth)];
    while (keyword(peek(), 'or')) {
      pos++;
      args.push(and(depth));
    }
    return args.length === 1 ? args[0]! : { op: 'or', args };
  };
  const and = (depth: number): LabelQuery => {
    const args = [unary(depth)];
    while (keyword(peek(), 'and')) {
      pos++;
      args.push(unary(depth));
    }
    return args.length === 1 ? args[0]! : { op: 'and', args };
  };
  const unary = (depth: number): LabelQuery => {
    if (keyword(peek(), 'not') && tokens[pos + 1]?.t !== 'op') {
      pos++;
      return { op: 'not', arg: unary(depth + 1) };
    }
    if (peek()?.t === '(') {
      pos++;
      const inner = or(depth + 1);
      expect(')');
      return inner;
    }
    return comparison();
  };
  const comparison = (): LabelQuery => {
    const field = peek();
    if (field?.t !== 'word') throw new LabelQueryError(`expected a label field ${where()}`);
    pos++;
    const negate = keyword(peek(), 'not') && keyword(tokens[pos + 1], 'in');
    if (negate) pos++;
    if (keyword(peek(), 'in')) {
      pos++;
      expect('[');
      const values = [value()];
      while (peek()?.t === ',') {
        pos++;
        values.push(value());
      }
      expect(']');
      return { op: 'in', field: field.v, values, negate };
    }
    const op = peek();
    if (op?.t !== 'op') throw new LabelQueryError(`expected a comparison after "${field.v}" ${where()}`);
    pos++;
    return { op: 'cmp', field: field.v, cmp: op.v, value: value() };
  };
  if (tokens.length === 0) throw new LabelQueryError('empty query');
  const query = or(0);
  if (pos < tokens.length) throw new LabelQueryError(`unexpected text ${where()}`);
  return query;
}

/** The label fields a query names, in first-use order. */
export function queryFields(query: LabelQuery, into: string[] = []): string[] {
  if ('args' in query) for (const a of query.args) queryFields(a, into);
  else if ('arg' in query) queryFields(query.arg, into);
  else if (!into.includes(query.field)) into.push(query.field);
  return into;
}

function compare(cmp: Comparison, value: string | number, cell: string): boolean {
  if (cmp === '==') return sameLabelValue(value, cell);
  if (cmp === '!=') return !sameLabelValue(value, cell);
  // Order is numeric only: a blank or text cell is never < or > anything.
  const a = asNumber(cell);
  const b = asNumber(value);
  if (a === undefined || b === undefined) return false;
  return cmp === '<' ? a < b : cmp === '<=' ? a <= b : cmp === '>' ? a > b : a >= b;
}

/** Evaluates a query against one row; `cell` gives a field's text. */
export function matchesLabelQuery(query: LabelQuery, cell: (field: string) => string): boolean {
  switch (query.op) {
    case 'and':
      return query.args.every((a) => matchesLabelQuery(a, cell));
    case 'or':
      return query.args.some((a) => matchesLabelQuery(a, cell));
    case 'not':
      return !matchesLabelQuery(query.arg, cell);
    case 'cmp':
      return compare(query.cmp, query.value, cell(query.field));
    case 'in': {
      const text = cell(query.field);
      const found = query.values.some((v) => sameLabelValue(v, text));
      return query.negate ? !found : found;
    }
  }
}
