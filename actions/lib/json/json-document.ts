/**
 * JSON with source positions. `JSON.parse` gives the value fast; a scanner over the same text is run
 * only when a position is needed (a finding to report) or for checks JSON.parse cannot make
 * (duplicate keys, nesting depth).
 */

import { lineStartsOf, type Position, positionAt } from './text-position.js';

export interface JsonProblem extends Position {
  message: string;
  /** The value is unusable (nested past the limit): checks must not walk it. */
  fatal?: boolean;
}

export const MAX_JSON_DEPTH = 128;

/**
 * Above this many characters a document is "large": positions are found by a scan towards the one
 * pointer asked for instead of a map of every value's position (a Map holds at most 2^24 entries, and
 * a lock shard can hold millions of values).
 */
export const LARGE_JSON_CHARS = 2 * 1024 * 1024;

/** At most this many duplicate keys are reported per document. */
const MAX_DUPLICATES = 50;

export class JsonDocument {
  private scan: ScanResult | undefined;
  /** Positions found so far in a large document, by `prefetch`. */
  private partial: ScanResult | undefined;
  /** Pointers `prefetch` looked for, found or not: each is scanned for once. */
  private readonly asked = new Set<string>();
  private lineStarts: number[] | undefined;

  private constructor(
    readonly file: string,
    readonly text: string,
    readonly value: unknown,
  ) {}

  /** Parses `text`; a syntax error comes back as a problem with a line and column, never thrown. */
  static parse(file: string, text: string): { doc: JsonDocument } | { problem: JsonProblem } {
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    if (body !== text)
      return {
        problem: {
          line: 1,
          column: 1,
          message: 'starts with a byte-order mark; save it as UTF-8 without BOM',
        },
      };
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      const scanned = scanJson(body, () => false);
      const at = scanned.error ?? { offset: 0, message: 'invalid JSON' };
      return { problem: { ...positionAt(lineStartsOf(body), at.offset), message: at.message } };
    }
    const doc = new JsonDocument(file, body, value);
    return { doc };
  }

  /** True when positions are found per pointer rather than from a map of every value. */
  get isLarge(): boolean {
    return this.text.length > LARGE_JSON_CHARS;
  }

  /** Structural problems JSON.parse accepts silently: duplicate keys (the last wins) and deep nesting. */
  structuralProblems(): JsonProblem[] {
    const s = this.isLarge ? scanJson(this.text, () => false) : this.scanned();
    const problems: JsonProblem[] = s.duplicates.map((d) => ({
      ...this.positionOfOffset(d.offset),
      message: `duplicate key "${d.key}" at ${d.pointer || '/'}; JSON keeps only the last`,
    }));
    if (s.error)
      problems.push({ ...this.positionOfOffset(s.error.offset), message: s.error.message, fatal: true });
    return problems;
  }

  /** Line and column of the value at a JSON pointer, or of its nearest existing ancestor. */
  locate(pointer: string): Position {
    const offsets = this.offsetsFor(pointer).offsets;
    let p = pointer;
    for (;;) {
      const offset = offsets.get(p);
      if (offset !== undefined) return this.positionOfOffset(offset);
      if (p === '') return { line: 1, column: 1 };
      p = p.slice(0, p.lastIndexOf('/'));
    }
  }

  /** Line and column of the key naming the member at `pointer` (better for "unknown key" findings). */
  locateKey(pointer: string): Position {
    const offset = this.offsetsFor(pointer).keyOffsets.get(pointer);
    return offset === undefined ? this.locate(pointer) : this.positionOfOffset(offset);
  }

  private positionOfOffset(offset: number): Position {
    this.lineStarts ??= lineStartsOf(this.text);
    return positionAt(this.lineStarts, offset);
  }

  private scanned(): ScanResult {
    this.scan ??= scanJson(this.text, () => true);
    return this.scan;
  }

  /** Offsets of `pointer` and its ancestors: from the full map, or a scan recording only those. */
  private offsetsFor(pointer: string): ScanResult {
    if (!this.isLarge) return this.scanned();
    if (!this.asked.has(pointer)) this.prefetch([pointer]);
    return this.partial!;
  }

  /**
   * Finds the positions of `pointers` (and their ancestors) in one scan, for a large document whose
   * positions are otherwise found one pointer at a time (two seconds each at 50 MB).
   */
  prefetch(pointers: readonly string[]): void {
    const missing = pointers.filter((p) => !this.asked.has(p));
    if (!this.isLarge || missing.length === 0) return;
    const wanted = new Set<string>();
    for (const pointer of missing) {
      this.asked.add(pointer);
      for (let p = pointer; !wanted.has(p); p = p.slice(0, Math.max(0, p.lastIndexOf('/')))) {
        wanted.add(p);
        if (p === '') break;
      }
    }
    const found = scanJson(this.text, (p) => wanted.has(p));
    this.partial ??= { offsets: new Map(), keyOffsets: new Map(), duplicates: [] };
    for (const [p, o] of found.offsets) this.partial.offsets.set(p, o);
    for (const [p, o] of found.keyOffsets) this.partial.keyOffsets.set(p, o);
  }
}

/** One JSON pointer reference token: `~` and `/` escaped (RFC 6901). */
export function pointerToken(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointerOf(path: readonly (string | number)[]): string {
  return path.map((p) => `/${pointerToken(p)}`).join('');
}

interface ScanResult {
  offsets: Map<string, number>;
  keyOffsets: Map<string, number>;
  duplicates: { pointer: string; key: string; offset: number }[];
  error?: { offset: number; message: string };
}

const LITERAL = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

/** A small recursive-descent scanner that records where the values and keys `record` wants start. */
function scanJson(text: string, record: (pointer: string) => boolean): ScanResult {
  const result: ScanResult = { offsets: new Map(), keyOffsets: new Map(), duplicates: [] };
  let i = 0;
  const fail = (message: string, at = i): never => {
    throw Object.assign(new Error(message), { offset: at });
  };
  const ws = () => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
  };
  const string = (): string => {
    const start = i;
    i++;
    let out = '';
    for (;;) {
      if (i >= text.length) fail('unterminated string', start);
      const c = text[i]!;
      if (c === '"') {
        i++;
        return out;
      }
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('bad \\u escape in string');
          out += String.fromCharCode(Number.parseInt(hex, 16));
          i += 6;
        } else {
          const map: Record<string, string> = {
            '"': '"',
            '\\': '\\',
            '/': '/',
            b: '\b',
            f: '\f',
            n: '\n',
            r: '\r',
            t: '\t',
          };
          if (e === undefined || !(e in map)) fail('bad escape in string');
          out += map[e!];
          i += 2;
        }
      } else if (c.charCodeAt(0) < 0x20) {
        fail('control character in string');
      } else {
        out += c;
        i++;
      }
    }
  };
  const value = (pointer: string, depth: number): void => {
    if (depth > MAX_JSON_DEPTH) fail(`nested deeper than ${MAX_JSON_DEPTH} levels`);
    ws();
    if (record(pointer)) result.offsets.set(pointer, i);
    const c = text[i];
    if (c === '{') {
      i++;
      const seen = new Set<string>();
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a property name in double quotes');
        const keyAt = i;
        const key = string();
        const child = `${pointer}/${pointerToken(key)}`;
        if (seen.has(key)) {
          if (result.duplicates.length < MAX_DUPLICATES)
            result.duplicates.push({ pointer: child, key, offset: keyAt });
        } else seen.add(key);
        if (record(child)) result.keyOffsets.set(child, keyAt);
        ws();
        if (text[i] !== ':') fail("expected ':' after a property name");
        i++;
        value(child, depth + 1);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return;
        } else fail("expected ',' or '}' in an object");
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (let n = 0; ; n++) {
        value(`${pointer}/${n}`, depth + 1);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return;
        } else fail("expected ',' or ']' in an array");
      }
    } else if (c === '"') {
      string();
    } else {
      LITERAL.lastIndex = i;
      const m = LITERAL.exec(text);
      if (!m) fail(i >= text.length ? 'unexpected end of JSON' : 'unexpected character');
      i += m![0].length;
    }
  };
  try {
    value('', 0);
    ws();
    if (i < text.length) fail('unexpected text after the JSON value');
  } catch (e) {
    const offset = (e as { offset?: number }).offset;
    if (offset === undefined) throw e;
    result.error = { offset, message: (e as Error).message };
  }
  return result;
}
